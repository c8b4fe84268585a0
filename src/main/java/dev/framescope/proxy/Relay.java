package dev.framescope.proxy;

import dev.framescope.engine.RelayRecorder;
import dev.framescope.wire.Sender;
import dev.framescope.wire.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * Copies bytes both ways between the app and the server, unchanged, each read given to the recorder (when there is
 * one: a pass-through has none) and then forwarded. Recording first keeps the capture causal: whatever a peer does
 * in answer to these bytes is recorded after them — the server's 101 enables inflation of the app's frames before
 * the app can send one (headless Chromium sent its first compressed frame within the same millisecond), and a close
 * frame is recorded before its answer. One direction runs on the calling thread, the other on
 * the proxy's executor. The end of one direction is passed on as a half-close; the other then has
 * {@link #LINGER_MILLIS} to end too. A failure on either side closes both, and the recorder notes why; nothing here
 * throws.
 */
final class Relay {

    static final int LINGER_MILLIS = 5000;
    private static final int BUFFER = 64 * 1024;

    private final Socket app;
    private final Socket server;
    private final Optional<RelayRecorder> recorder;
    private final LongSupplier clock;
    private final Optional<Interception> gated;
    private volatile boolean recording = true;

    Relay(Socket app, Socket server, Optional<RelayRecorder> recorder, LongSupplier clock) {
        this(app, server, recorder, clock, Optional.empty());
    }

    /** @param gated the connection's gates, when breakpoints may hold its messages: bytes go through them */
    Relay(Socket app, Socket server, Optional<RelayRecorder> recorder, LongSupplier clock,
            Optional<Interception> gated) {
        this.app = app;
        this.server = server;
        this.recorder = recorder;
        this.clock = clock;
        this.gated = gated;
    }

    /** Relays until both directions have ended, then closes both sockets and records the close. */
    void run(ExecutorService executor) {
        Future<?> inbound = executor.submit(() -> pump(server, app, Sender.SERVER));
        pump(app, server, Sender.CLIENT);
        try {
            inbound.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            note(Severity.WARNING, "the relay from the server stopped: " + e.getCause().getMessage());
        }
        gated.ifPresent(Interception::finished);
        closeQuietly(app);
        closeQuietly(server);
        recorder.ifPresent(r -> guarded(r::closed));
    }

    private void pump(Socket from, Socket to, Sender sender) {
        String who = sender == Sender.CLIENT ? "the app" : "the server";
        Optional<IOException> cause = Optional.empty();
        boolean broken = false;
        long forwarded = 0;
        byte[] buf = new byte[BUFFER];
        Optional<DirectionGate> gate = gated.map(g -> sender == Sender.CLIENT ? g.fromApp : g.fromServer);
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                record(sender, buf, n, clock.getAsLong());
                try {
                    if (gate.isPresent()) {
                        gate.get().accept(buf, n);
                    } else {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    broken = true;
                    note(Severity.WARNING, "could not pass " + n + " bytes from " + who + " on after " + forwarded
                            + " (" + (sender == Sender.CLIENT ? "the server" : "the app") + " is gone: "
                            + e.getMessage() + "); they are recorded, not delivered");
                }
                forwarded += n;
                if (broken) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            note(Severity.INFO, "the proxy closed the connection: " + who + " did not end its side within "
                    + LINGER_MILLIS / 1000 + " s of the other");
        } catch (IOException e) {
            cause = Optional.of(e);
            broken = true;
        }
        gate.ifPresent(DirectionGate::ended);
        Optional<IOException> ended = cause;
        recorder.ifPresent(r -> guarded(() -> r.ended(sender, ended)));
        // After the user's close the other side may not have read our close frame yet: a reset now would discard
        // it (TCP drops unread data on RST), so that side's output is shut down as on a normal end instead.
        if (broken && !gated.map(Interception::closedByUser).orElse(false)) {
            closeQuietly(app);
            closeQuietly(server);
            return;
        }
        try {
            to.shutdownOutput();
            from.setSoTimeout(LINGER_MILLIS);
            to.setSoTimeout(LINGER_MILLIS);
        } catch (IOException | UnsupportedOperationException e) {
            closeQuietly(to);
        }
    }

    private void record(Sender sender, byte[] buf, int n, long nanos) {
        if (recorder.isEmpty() || !recording) {
            return;
        }
        RelayRecorder r = recorder.get();
        guarded(() -> {
            if (sender == Sender.CLIENT) {
                r.fromClient(buf, 0, n, nanos);
            } else {
                r.fromServer(buf, 0, n, nanos);
            }
        });
    }

    /** A recorder failure stops recording, never the relay: the app and server keep talking. */
    private void guarded(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            recording = false;
            note(Severity.ERROR, "recording stopped (internal error: " + e.getMessage() + "); the relay goes on");
        }
    }

    private void note(Severity level, String text) {
        recorder.ifPresent(r -> {
            try {
                r.note(level, text);
            } catch (RuntimeException e) {
                recording = false;
            }
        });
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Closing is all that is left to do.
        }
    }
}
