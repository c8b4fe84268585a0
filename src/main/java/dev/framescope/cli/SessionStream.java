package dev.framescope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Stamp;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionReader.LoadProblem;
import dev.framescope.capture.io.SessionVisitor;
import dev.framescope.wire.FrameHeader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A session file streamed for a command: each event, stamped with its place in its connection, goes to a handler
 * and is then forgotten, so memory holds one event at a time whatever the file's size.
 */
final class SessionStream {

    /** What a command does with each event. */
    interface Handler {
        default void connection(CaptureLog log) throws IOException {
        }

        void event(CaptureLog log, CaptureEvent event) throws IOException;

        /**
         * A plain frame ({@link SessionVisitor#plainFrame}) and its one-frame message, numbered {@code seq} and
         * {@code seq + 1}, handled in one call without building the two events; false to be given the events.
         */
        default boolean plainFrame(CaptureLog log, long seq, long nanos, FrameHeader header, byte[] payload)
                throws IOException {
            return false;
        }

        /** Every event was handed out; the logs (and a version 1 file's spilled payloads) are still open. */
        default void end() throws IOException {
        }
    }

    private SessionStream() {
    }

    /** Streams the file; returns the problems met (damaged lines or records, skipped). */
    static List<LoadProblem> run(Path file, Handler handler) throws IOException {
        List<LoadProblem> problems = new ArrayList<>();
        Map<CaptureLog, long[]> seqs = new HashMap<>();
        Map<Long, CaptureLog> logs = new LinkedHashMap<>();
        IOException[] failed = new IOException[1];
        SessionFiles.stream(file, new SessionVisitor() {
            @Override
            public CaptureLog connection(long id, JsonNode line) {
                CaptureLog log = SessionFiles.contextLog(id, line);
                logs.put(id, log);
                seqs.put(log, new long[1]);
                guard(() -> handler.connection(log));
                return log;
            }

            @Override
            public void event(CaptureLog log, long nanos, Function<Stamp, CaptureEvent> event) {
                long[] seq = seqs.get(log);
                CaptureEvent e;
                try {
                    e = event.apply(new Stamp(log.connectionId(), seq[0], nanos));
                } catch (RuntimeException ex) {
                    problems.add(new LoadProblem(seq[0], "event " + seq[0] + " of connection " + log.connectionId()
                            + " cannot be loaded: " + ex.getMessage(), "event"));
                    return;
                }
                seq[0]++;
                guard(() -> handler.event(log, e));
            }

            @Override
            public void plainFrame(CaptureLog log, long nanos, FrameHeader header, byte[] payload,
                                   PlainEvents events) {
                long[] seq = seqs.get(log);
                boolean handled = failed[0] != null;
                if (!handled) {
                    try {
                        handled = handler.plainFrame(log, seq[0], nanos, header, payload);
                    } catch (IOException ex) {
                        failed[0] = ex;
                        handled = true;
                    }
                }
                if (handled) {
                    seq[0] += 2;
                } else {
                    events.emit(log, nanos, header, payload);
                }
            }

            @Override
            public void problem(LoadProblem problem) {
                problems.add(problem);
            }

            private void guard(IoAction action) {
                if (failed[0] != null) {
                    return;
                }
                try {
                    action.run();
                } catch (IOException ex) {
                    failed[0] = ex;
                }
            }
        });
        try {
            if (failed[0] != null) {
                throw failed[0];
            }
            handler.end();
        } finally {
            logs.values().forEach(CaptureLog::close);
        }
        return problems;
    }

    /** The file's connections (context logs holding no events), from a pass that skips every event. */
    static List<CaptureLog> connections(Path file) throws IOException {
        List<CaptureLog> out = new ArrayList<>();
        SessionFiles.stream(file, new SessionVisitor() {
            @Override
            public CaptureLog connection(long id, JsonNode line) {
                CaptureLog log = SessionFiles.contextLog(id, line);
                out.add(log);
                return log;
            }

            @Override
            public void event(CaptureLog log, long nanos, Function<Stamp, CaptureEvent> event) {
            }

            @Override
            public void problem(LoadProblem problem) {
            }

            @Override
            public boolean wantsEvents() {
                return false;
            }
        });
        out.forEach(CaptureLog::close);
        return out;
    }

    private interface IoAction {
        void run() throws IOException;
    }
}
