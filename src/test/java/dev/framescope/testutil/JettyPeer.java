package dev.framescope.testutil;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A real, independent WebSocket server for interop tests: Jetty 12 on loopback, plain or TLS. {@code /echo} echoes
 * and remembers; {@code /proto} echoes with the last subprotocol offered; {@code /script} and {@code /talk} speak
 * first (fragments with a ping between); {@code /pinger} pings once on open.
 */
public final class JettyPeer implements AutoCloseable {

    /** Texts /echo and /talk received, and "binary:N" for each binary message. */
    public final List<String> received = new CopyOnWriteArrayList<>();
    /** Texts sent: echoes, and "fragmented" for /script's message. */
    public final List<String> sent = new CopyOnWriteArrayList<>();
    /** Binary messages /echo received, whole. */
    public final List<byte[]> binaries = new CopyOnWriteArrayList<>();
    /** Close codes and reasons received ("4000 done here"). */
    public final List<String> closes = new CopyOnWriteArrayList<>();
    /** Payloads of the pongs received, as UTF-8. */
    public final List<String> pongs = new CopyOnWriteArrayList<>();
    private final Server server = new Server();
    private final ServerConnector connector;
    private final boolean tls;

    public JettyPeer() throws Exception {
        this((SslContextFactory.Server) null);
    }

    /** With an SSL context, the connector speaks TLS (wss). */
    public JettyPeer(SSLContext context) throws Exception {
        this(factory(context));
    }

    /** With a keystore, the connector speaks TLS (wss). */
    public JettyPeer(SslContextFactory.Server ssl) throws Exception {
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
            container.addMapping("/talk", (rq, rs, cb) -> new Talk());
            container.addMapping("/pinger", (rq, rs, cb) -> new Pinger());
        }));
        server.start();
    }

    private static SslContextFactory.Server factory(SSLContext context) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(context);
        return ssl;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public URI uri(String path) {
        return URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + port() + path);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Echoes texts and binaries (Jetty answers pings), remembering both directions, pongs and the close. */
    public class Echo extends JettyEcho {
        Echo() {
            super(received, closes);
        }

        @Override
        public void onWebSocketText(String message) {
            sent.add(message);
            super.onWebSocketText(message);
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
        public void onWebSocketPong(ByteBuffer payload) {
            pongs.add(StandardCharsets.UTF_8.decode(payload).toString());
        }
    }

    /** Pings once on open ("jetty-ping-1"), then echoes. */
    public final class Pinger extends Echo {
        @Override
        public void onWebSocketOpen(Session s) {
            super.onWebSocketOpen(s);
            s.sendPing(ByteBuffer.wrap("jetty-ping-1".getBytes(StandardCharsets.UTF_8)), Callback.NOOP);
        }
    }

    /** Sends a fragmented text with a ping between its fragments ("server-ping"), then echoes. */
    public final class Talk extends Echo {
        @Override
        public void onWebSocketOpen(Session s) {
            super.onWebSocketOpen(s);
            s.sendPartialText("frag", false, Callback.NOOP);
            s.sendPing(ByteBuffer.wrap("server-ping".getBytes(StandardCharsets.UTF_8)), Callback.NOOP);
            s.sendPartialText("mented", true, Callback.NOOP);
        }
    }

    /** Sends a fragmented text message with a ping ("jetty-ping") between its fragments, then closes with 4001. */
    public final class Script implements Session.Listener.AutoDemanding {
        @Override
        public void onWebSocketOpen(Session s) {
            s.sendPartialText("frag", false, Callback.NOOP);
            s.sendPing(ByteBuffer.wrap("jetty-ping".getBytes(StandardCharsets.UTF_8)), Callback.NOOP);
            s.sendPartialText("mented", true, Callback.NOOP);
            sent.add("fragmented");
            s.close(4001, "script done", Callback.NOOP);
        }
    }
}
