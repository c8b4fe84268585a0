package dev.framescope.engine;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.Phase;
import dev.framescope.capture.ConnectionState;
import dev.framescope.wire.Severity;
import dev.framescope.engine.driver.ClientDriver;
import dev.framescope.engine.driver.ClientEvents;
import dev.framescope.engine.driver.DriverConfig;
import dev.framescope.engine.driver.ProtocolClient;
import dev.framescope.wire.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
    private final boolean strictOnLibrary;

    ConnectAttempt(Connection connection, ConnectionSpec spec, ConnectionTimers timers, ConnectionRecorder recorder,
                   boolean strictOnLibrary) {
        this.strictOnLibrary = strictOnLibrary;
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
            if (spec.mode() == ProtocolMode.STRICT && strictOnLibrary) {
                startLibrary(socket, clientEvents());
            } else {
                startDriver(socket);
            }
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
    private void startLibrary(Socket socket, ClientEvents events) throws IOException {
        EngineClient c = new EngineClient(spec.uri(), LibraryHandshake.draft(spec), LibraryHandshake.headers(spec),
                (int) spec.connectTimeout().toMillis(), events);
        TappedSocket tapped = new TappedSocket(socket, recorder, timers.clock());
        tapped.beforeClose(() -> flushQueued(c, tapped));
        c.setSocket(tapped);
        connection.attached(c);
        c.connect();
        handshakeTimeout(c);
    }

    /** Hands the connected socket, tapped, to our own driver ({@code engine/driver}), which writes the request. */
    private void startDriver(Socket socket) throws IOException {
        TappedSocket tapped = new TappedSocket(socket, recorder, timers.clock());
        tapped.noLinger();
        ClientDriver d = new ClientDriver(transport(tapped), spec.uri(), LibraryHandshake.headers(spec),
                spec.extensionOffers(), spec.subprotocols(), DriverConfig.of(spec.mode() == ProtocolMode.STRICT),
                timers.scheduler(), clientEvents(), Thread.currentThread().getName().replace("connect", "ws"));
        recorder.listen(d);
        connection.attached(d);
        d.start();
        handshakeTimeout(d);
    }

    /** A server that never answers the upgrade: the attempt ends (and fails) after the handshake timeout. */
    private void handshakeTimeout(ProtocolClient c) {
        timers.after(spec.handshakeTimeout(), () -> {
            if (connection.state() == ConnectionState.CONNECTING) {
                String why = "no upgrade response within " + spec.handshakeTimeout().toMillis() + " ms";
                recorder.note(Severity.ERROR, why);
                connection.failedBecause(why);
                c.abort(why);
            }
        });
    }

    private static ClientDriver.Transport transport(TappedSocket socket) {
        return new ClientDriver.Transport() {
            @Override
            public InputStream in() {
                return socket.getInputStream();
            }

            @Override
            public OutputStream out() {
                return socket.getOutputStream();
            }

            @Override
            public void close() {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closed either way; the tap has recorded what crossed
                }
            }
        };
    }

    /** What the driver (or the library, in the Strict-on-library fallback) reports goes to the connection's lifecycle. */
    private ClientEvents clientEvents() {
        return new ClientEvents() {
            @Override
            public void opened() {
                connection.onOpen();
            }

            @Override
            public void closed(int code, String reason, boolean remote) {
                connection.onLibraryClosed(code, reason.isEmpty() ? handshakeEnd(code, remote) : reason);
            }

            @Override
            public void failed(String why) {
                recorder.note(Severity.ERROR, why);
                connection.failedBecause(why);
            }

            @Override
            public void pinged(byte[] payload) {
                connection.pinged(payload);
            }

            @Override
            public void note(Severity level, String text) {
                recorder.note(level, text);
            }

            @Override
            public void violation(Finding finding) {
                recorder.violation(finding);
            }
        };
    }

    /**
     * Java-WebSocket ends an upgrade that did not complete with -1 and no reason, whoever ended it: {@code remote}
     * says whether the server ended TCP or we closed (the upgrade cancelled, or its timeout).
     */
    private static String handshakeEnd(int code, boolean remote) {
        if (code != org.java_websocket.framing.CloseFrame.NEVER_CONNECTED) {
            return "";
        }
        return remote ? "the server ended TCP during the handshake" : "we closed the connection before the upgrade "
                + "completed";
    }

    private void flushQueued(EngineClient c, TappedSocket socket) {
        try {
            c.flushQueued(socket.getOutputStream());
        } catch (IOException e) {
            recorder.note(Severity.WARNING, "could not flush queued frames before closing: " + e.getMessage());
        }
    }
}
