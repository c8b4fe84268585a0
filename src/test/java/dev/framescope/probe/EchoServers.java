package dev.framescope.probe;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** Real, independent echo servers on loopback for the probe's tests: Jetty 12 and Java-WebSocket. */
final class EchoServers {

    private EchoServers() {
    }

    /**
     * Jetty 12's WebSocket server echoing at /echo; permessage-deflate as Jetty does it (on when offered), or never
     * accepted.
     */
    static final class Jetty implements AutoCloseable {
        private final Server server = new Server();
        private final ServerConnector connector = new ServerConnector(server);

        Jetty() throws Exception {
            this(true);
        }

        /** @param deflate false: the upgrade accepts no extension (Jetty's response told to drop them) */
        Jetty(boolean deflate) throws Exception {
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
                container.setMaxTextMessageSize(32L << 20);
                container.setMaxBinaryMessageSize(32L << 20);
                container.addMapping("/echo", (rq, rs, cb) -> {
                    if (!deflate) {
                        rs.setExtensions(List.of());
                    }
                    return new Echo();
                });
            }));
            server.start();
        }

        URI uri() {
            return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/echo");
        }

        @Override
        public void close() throws Exception {
            server.stop();
        }
    }

    /** Echoes each message whole. */
    public static final class Echo implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketText(String message) {
            session.sendText(message, Callback.NOOP);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            session.sendBinary(payload, callback);
        }
    }

    /** Java-WebSocket's server echoing every message, on any path. */
    static final class JavaWebSocket extends WebSocketServer implements AutoCloseable {
        private final CountDownLatch started = new CountDownLatch(1);

        JavaWebSocket() throws InterruptedException {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
            setDaemon(true);
            start();
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Java-WebSocket's server did not start");
            }
        }

        URI uri() {
            return URI.create("ws://127.0.0.1:" + getPort() + "/");
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            conn.send(message);
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer message) {
            conn.send(message);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void close() throws InterruptedException {
            stop(1000);
        }
    }
}
