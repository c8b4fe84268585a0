package dev.framescope.capture.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Payload;
import dev.framescope.capture.Stamp;
import dev.framescope.capture.io.SessionReader.LoadProblem;
import dev.framescope.wire.FrameHeader;
import java.util.function.Function;

/** What a streaming session reader hands out, in file order. */
public interface SessionVisitor {

    /**
     * A connection starts: returns the log its events belong to (a streaming reader's holds none of them).
     *
     * @param line the connection's record: {@code conn}, {@code label}, {@code start}, and {@code setup} and
     *             {@code redact} when written
     */
    CaptureLog connection(long id, JsonNode line);

    /** An event of {@code log}, built by {@code event} once given its stamp. */
    void event(CaptureLog log, long nanos, Function<Stamp, CaptureEvent> event);

    void problem(LoadProblem problem);

    /**
     * A plain frame — whole, unmasked, uncompressed, no findings, from the server — and its one-frame message.
     * By default the two events ({@code events}); a loader may record them compactly instead.
     */
    default void plainFrame(CaptureLog log, long nanos, FrameHeader header, byte[] payload, PlainEvents events) {
        events.emit(log, nanos, header, payload);
    }

    /** Hands a plain frame out as its two events. */
    @FunctionalInterface
    interface PlainEvents {
        void emit(CaptureLog log, long nanos, FrameHeader header, byte[] payload);
    }

    /** False for a pass that only collects the connections: events are then skipped unparsed. */
    default boolean wantsEvents() {
        return true;
    }

    /** The reader has reached byte {@code offset} of the file (called once a record, for progress). */
    default void position(long offset) {
    }

    /** Where a payload read from the file is kept: on the heap by default, in the log's store when loading. */
    default Payload payload(CaptureLog log, byte[] bytes) {
        return Payload.of(bytes);
    }
}
