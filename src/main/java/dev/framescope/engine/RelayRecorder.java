package dev.framescope.engine;

import dev.framescope.capture.CaptureLog;
import dev.framescope.wire.Sender;
import dev.framescope.wire.Severity;
import dev.framescope.wire.StreamDissector;
import java.io.IOException;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The capture of a connection Framescope relays instead of making (the intercepting proxy): the app's bytes and the
 * server's go through the same recorder as our own connections' — HTTP heads, frames with the app's masking keys,
 * messages inflated with a context per direction, heartbeats, the close. The recorder only reads the bytes (the
 * plain-frame bypass, which rearranges a read for a library, is off), so the caller forwards its buffer unchanged.
 *
 * <p>Threads: {@link #fromClient} is called on the thread relaying the app's bytes, {@link #fromServer} on the one
 * relaying the server's; each direction is confined to its thread, as on our own connections.
 */
public final class RelayRecorder {

    private final ConnectionRecorder recorder;
    private final TappedSocket.ReadSplit split = new TappedSocket.ReadSplit();
    private final LongSupplier clock;

    public RelayRecorder(CaptureLog log, LongSupplier clock) {
        this.clock = clock;
        this.recorder = new ConnectionRecorder(log, StreamDissector.DEFAULT_INFLATE_LIMIT, clock, false);
    }

    /** Bytes the app sent, as read, before they are forwarded. */
    public void fromClient(byte[] b, int off, int len, long nanos) {
        recorder.sent(b, off, len, nanos);
    }

    /** Bytes the server sent, as read, before they are forwarded. */
    public void fromServer(byte[] b, int off, int len, long nanos) {
        recorder.received(b, off, len, nanos, false, split);
    }

    /** One side's stream ended, cleanly or with {@code cause}: its end-of-stream findings are recorded. */
    public void ended(Sender sender, Optional<IOException> cause) {
        recorder.ended(sender, cause);
    }

    /** Both sockets are closed: the close is recorded, once. */
    public void closed() {
        recorder.recordClose(clock.getAsLong());
    }

    public void note(Severity level, String text) {
        recorder.note(level, text);
    }
}
