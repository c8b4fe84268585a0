package dev.framescope.engine;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.Phase;
import dev.framescope.capture.ConnectionState;
import dev.framescope.wire.Severity;
import java.io.IOException;
import java.net.Socket;
import java.util.List;

/**
 * One attempt to open a connection, on the connection's connect thread: notes on deliberate oddities, then DNS, TCP,
 * TLS and proxy ({@link Connector}, each phase timed into the log), then a new Java-WebSocket client over the tapped
 * socket, which writes the upgrade request. What happens next arrives through the client's events.
 */
final class ConnectAttempt {

    private final Connection connection;
    private final ConnectionSpec spec;
    private final ConnectionTimers timers;
    private final ConnectionRecorder recorder;

    ConnectAttempt(Connection connection, ConnectionSpec spec, ConnectionTimers timers, ConnectionRecorder recorder) {
        this.connection = connection;
        this.spec = spec;
        this.timers = timers;
        this.recorder = recorder;
    }

    void run() {
        noteDeliberateSettings();
        Socket socket;
        try {
            socket = Connector.open(spec, connectorListener());
        } catch (IOException e) {
            connection.fail(e.getMessage());
            return;
        }
        try {
            startLibrary(socket, events());
        } catch (IOException e) {
            connection.fail("cannot start: " + e.getMessage());
        }
    }

    private void noteDeliberateSettings() {
        PongMode pong = spec.heartbeat().pong();
        if (!(pong instanceof PongMode.Auto)) {
            // The session file keeps no connection settings; this line tells a reader why pongs look odd.
            recorder.note(Severity.WARNING, "pong mode " + pong.spelling() + ": server pings are "
                    + (pong instanceof PongMode.Off ? "not answered" : pong instanceof PongMode.Delayed
                    ? "answered late" : "answered with another payload") + " on purpose");
        }
        if (spec.tls().insecure() && spec.secure()) {
            recorder.note(Severity.WARNING, "TLS verification is OFF for this connection (insecure): certificate and "
                    + "host name are not checked");
        }
    }

    private Connector.Listener connectorListener() {
        return new Connector.Listener() {
            @Override
            public void phase(Phase phase, long durationNanos, String detail) {
                connection.timing(phase, durationNanos, detail);
            }

            @Override
            public void tls(String protocol, String cipher, List<String> chain, boolean verified, boolean insecure) {
                connection.log().append(timers.now(), s -> new CaptureEvent.TlsEvent(s, protocol, cipher, chain,
                        verified, insecure));
            }
        };
    }

    /** Hands the connected socket, tapped, to a new library client, which writes the upgrade request. */
    private void startLibrary(Socket socket, EngineClient.Events events) throws IOException {
        EngineClient c = new EngineClient(spec.uri(), LibraryHandshake.draft(spec), LibraryHandshake.headers(spec),
                (int) spec.connectTimeout().toMillis(), events, text -> recorder.note(Severity.INFO, text));
        TappedSocket tapped = new TappedSocket(socket, recorder, timers.clock());
        tapped.beforeClose(() -> flushQueued(c, tapped));
        c.setSocket(tapped);
        connection.attached(c);
        c.connect();
        timers.after(spec.handshakeTimeout(), () -> {
            if (connection.state() == ConnectionState.CONNECTING) {
                recorder.note(Severity.ERROR, "no upgrade response within " + spec.handshakeTimeout().toMillis()
                        + " ms");
                c.close();
            }
        });
    }

    /** What the library reports goes to the connection's lifecycle (the recorder has the bytes already). */
    private EngineClient.Events events() {
        return new EngineClient.Events() {
            @Override
            public void opened() {
                connection.onOpen();
            }

            @Override
            public void closed(int code, String reason, boolean remote) {
                connection.onLibraryClosed(code, reason);
            }

            @Override
            public void failed(Exception e) {
                connection.failedBecause(String.valueOf(e.getMessage()));
            }

            @Override
            public void fatal(String why) {
                recorder.note(Severity.ERROR, why);
                connection.failedBecause(why);
            }

            @Override
            public void pinged(byte[] payload) {
                connection.pinged(payload);
            }
        };
    }

    private void flushQueued(EngineClient c, TappedSocket socket) {
        try {
            c.flushQueued(socket.getOutputStream());
        } catch (IOException e) {
            recorder.note(Severity.WARNING, "could not flush queued frames before closing: " + e.getMessage());
        }
    }
}
