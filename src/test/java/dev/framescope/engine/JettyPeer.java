package dev.framescope.engine;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/** A real, independent WebSocket server for the engine's interop tests: Jetty 12 on loopback. */
public final class JettyPeer implements AutoCloseable {

    final List<String> received = new CopyOnWriteArrayList<>();
    final List<String> sent = new CopyOnWriteArrayList<>();
    /** Binary messages /echo received, whole. */
    final List<byte[]> binaries = new CopyOnWriteArrayList<>();
    /** Close codes and reasons /echo received ("4000 done here"). */
    final List<String> closes = new CopyOnWriteArrayList<>();
    /** Payloads of the pongs the /pinger endpoint received, as UTF-8. */
    final List<String> pongs = new CopyOnWriteArrayList<>();
    private final Server server = new Server();
    private final ServerConnector connector;
    private final boolean tls;

    JettyPeer() throws Exception {
        this(null);
    }

    /** With a keystore, the connector speaks TLS (wss). */
    JettyPeer(SslContextFactory.Server ssl) throws Exception {
        tls = ssl != null;
        connector = ssl == null ? new ServerConnector(server) : new ServerConnector(server, ssl);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.addMapping("/echo", (rq, rs, cb) -> new Echo());
            container.addMapping("/proto", (rq, rs, cb) -> {
                List<String> offered = rq.getSubProtocols();
                rs.setAcceptedSubProtocol(offered.get(offered.size() - 1));
                return new Echo();
            });
            container.addMapping("/script", (rq, rs, cb) -> new Script());
            container.addMapping("/pinger", (rq, rs, cb) -> new Pinger());
        }));
        server.start();
    }

    URI uri(String path) {
        return URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + connector.getLocalPort() + path);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Echoes what it gets, remembering both directions. */
    public final class Echo implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketText(String message) {
            received.add(message);
            sent.add(message);
            session.sendText(message, Callback.NOOP);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            received.add("binary:" + payload.remaining());
            byte[] copy = new byte[payload.remaining()];
            payload.duplicate().get(copy);
            binaries.add(copy);
            session.sendBinary(payload, callback);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            closes.add(statusCode + " " + reason);
        }
    }

    /** Pings once on open ("jetty-ping-1") and remembers the pongs it gets. */
    /** Pings once on open, remembers the pongs, and echoes text. */
    public final class Pinger implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
            s.sendPing(ByteBuffer.wrap("jetty-ping-1".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    Callback.NOOP);
        }

        @Override
        public void onWebSocketPong(ByteBuffer payload) {
            byte[] b = new byte[payload.remaining()];
            payload.get(b);
            pongs.add(new String(b, java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public void onWebSocketText(String message) {
            session.sendText(message, Callback.NOOP);
        }
    }

    /** Sends a fragmented text message, a ping, then closes with 4001. */
    public final class Script implements Session.Listener.AutoDemanding {
        @Override
        public void onWebSocketOpen(Session s) {
            s.sendPartialText("frag", false, Callback.NOOP);
            s.sendPing(ByteBuffer.wrap("jetty-ping".getBytes()), Callback.NOOP);
            s.sendPartialText("mented", true, Callback.NOOP);
            sent.add("fragmented");
            s.close(4001, "script done", Callback.NOOP);
        }
    }
}
