package dev.framescope.proxy;

import static dev.framescope.testutil.LogQueries.closed;
import static dev.framescope.testutil.LogQueries.dump;
import static dev.framescope.testutil.LogQueries.events;
import static dev.framescope.testutil.LogQueries.frames;
import static dev.framescope.testutil.LogQueries.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.demo.DemoServer;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.JettyPeer;
import dev.framescope.testutil.SharedDemo;
import dev.framescope.wire.Opcode;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.Test;

/**
 * Clients nobody here wrote — Java-WebSocket and Jetty 12 — through the proxy to Jetty 12 and to the built-in demo
 * server, forward and reverse: what each side got, and what the capture saw both ways.
 */
class ProxyInteropTest {

    private static final String LONG = "compress me ".repeat(200);

    /** Java-WebSocket's client, remembering what it got. */
    static final class JwsClient extends org.java_websocket.client.WebSocketClient {
        final List<String> got = new CopyOnWriteArrayList<>();
        volatile int closeCode;

        JwsClient(URI uri, boolean deflate) {
            super(uri, deflate ? new Draft_6455(new PerMessageDeflateExtension()) : new Draft_6455());
        }

        @Override
        public void onOpen(ServerHandshake h) {
        }

        @Override
        public void onMessage(String message) {
            got.add(message);
        }

        @Override
        public void onMessage(ByteBuffer bytes) {
            got.add("binary:" + bytes.remaining());
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            closeCode = code;
        }

        @Override
        public void onError(Exception ex) {
            got.add("error: " + ex.getMessage());
        }
    }

    /** Jetty's client side, remembering what it got. */
    public static final class JettyListener implements Session.Listener.AutoDemanding {
        final List<String> got = new CopyOnWriteArrayList<>();
        volatile Session session;

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketText(String message) {
            got.add(message);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            got.add("closed " + statusCode);
        }
    }

    @Test
    void javaWebSocketThroughAConnectTunnelToJettyWithDeflate() throws Exception {
        try (JettyPeer jetty = new JettyPeer(); ProxyFixture proxy = new ProxyFixture()) {
            JwsClient client = new JwsClient(jetty.uri("/echo"), true);
            client.setProxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.port())));
            assertTrue(client.connectBlocking(10, TimeUnit.SECONDS), "open through the proxy");
            client.send("hello");
            client.send(LONG);
            client.send(new byte[] {1, 2, 3, 4});
            client.sendPing();
            Await.until(() -> client.got.size() == 3, "three echoes: " + client.got);
            client.closeBlocking();

            assertEquals(List.of("hello", LONG, "binary:4"), jetty.received);
            assertEquals(List.of("hello", LONG, "binary:4"), client.got);
            CaptureLog log = proxy.log(0);
            Await.until(() -> closed(log), "the close recorded");
            CaptureEvent.HandshakeEvent h = events(log, CaptureEvent.HandshakeEvent.class).get(0);
            assertEquals(101, h.status());
            assertTrue(h.acceptedExtensions().contains("permessage-deflate"), h.acceptedExtensions());
            assertEquals(List.of("hello", LONG), texts(log, Direction.OUT), "inflated for display");
            assertEquals(List.of("hello", LONG), texts(log, Direction.IN));
            List<CaptureEvent.FrameEvent> out = frames(log, Direction.OUT);
            assertTrue(out.stream().allMatch(f -> f.header().masked()), "every client frame masked as sent");
            assertTrue(out.stream().anyMatch(f -> f.header().rsv1()), "the long message went compressed:\n"
                    + dump(log));
            assertTrue(out.stream().anyMatch(f -> f.header().opcode() == Opcode.PING), dump(log));
            assertTrue(frames(log, Direction.IN).stream().anyMatch(f -> f.header().opcode() == Opcode.PONG),
                    "Jetty's pong to the client's ping");
            assertEquals(1000, events(log, CaptureEvent.CloseEvent.class).get(0).sentCode().getAsInt());
        }
    }

    @Test
    void jettyClientThroughAnHttpProxyToJettyWithFragmentsAndACloseCode() throws Exception {
        try (JettyPeer jetty = new JettyPeer(); ProxyFixture proxy = new ProxyFixture()) {
            HttpClient http = new HttpClient();
            http.getProxyConfiguration().addProxy(new HttpProxy("127.0.0.1", proxy.port()));
            WebSocketClient ws = new WebSocketClient(http);
            ws.start();
            try {
                JettyListener listener = new JettyListener();
                ws.connect(listener, jetty.uri("/talk"), new ClientUpgradeRequest()).get(10, TimeUnit.SECONDS);
                Await.until(() -> listener.got.contains("fragmented"), "the server's fragmented message");
                listener.session.sendPartialText("part one, ", false, Callback.NOOP);
                listener.session.sendPartialText("part two", true, Callback.NOOP);
                Await.until(() -> listener.got.contains("part one, part two"), "the echo: " + listener.got);
                listener.session.close(4001, "done here", Callback.NOOP);
                Await.until(() -> jetty.closes.contains("4001 done here"), "the close at the server");

                CaptureLog log = proxy.log(0);
                Await.until(() -> closed(log), "the close recorded");
                assertEquals(List.of("fragmented", "part one, part two"), texts(log, Direction.IN), dump(log));
                assertEquals(List.of("part one, part two"), texts(log, Direction.OUT));
                List<CaptureEvent.FrameEvent> in = frames(log, Direction.IN);
                assertTrue(in.stream().anyMatch(f -> f.header().opcode() == Opcode.CONTINUATION), dump(log));
                assertTrue(in.stream().anyMatch(f -> f.header().opcode() == Opcode.PING), "the server's ping");
                assertTrue(frames(log, Direction.OUT).stream().anyMatch(f -> f.header().opcode() == Opcode.PONG),
                        "Jetty's client answered the ping through the proxy");
                assertTrue(frames(log, Direction.OUT).stream().filter(f -> f.header().opcode() == Opcode.CONTINUATION)
                        .allMatch(f -> f.header().masked()), "client continuation frames masked");
                CaptureEvent.CloseEvent close = events(log, CaptureEvent.CloseEvent.class).get(0);
                assertEquals(4001, close.sentCode().getAsInt());
                assertTrue(close.clean(), dump(log));
            } finally {
                ws.stop();
            }
        }
    }

    @Test
    void reverseModeRelaysJettysClientToJetty() throws Exception {
        try (JettyPeer jetty = new JettyPeer();
             ProxyFixture proxy = new ProxyFixture(o -> o.withReverse(jetty.uri("")))) {
            WebSocketClient ws = new WebSocketClient();
            ws.start();
            try {
                JettyListener listener = new JettyListener();
                ClientUpgradeRequest request = new ClientUpgradeRequest();
                request.addExtensions("permessage-deflate");
                ws.connect(listener, URI.create("ws://127.0.0.1:" + proxy.port() + "/echo"), request)
                        .get(10, TimeUnit.SECONDS);
                listener.session.sendText(LONG, Callback.NOOP);
                Await.until(() -> listener.got.contains(LONG), "the echo through the reverse proxy");
                listener.session.close(1000, "bye", Callback.NOOP);
                CaptureLog log = proxy.log(0);
                Await.until(() -> closed(log), "the close recorded");
                assertEquals(List.of(LONG), texts(log, Direction.OUT));
                assertEquals(List.of(LONG), texts(log, Direction.IN));
                assertTrue(frames(log, Direction.IN).stream().anyMatch(f -> f.header().rsv1()),
                        "Jetty compressed its answer: " + dump(log));
                assertTrue(log.label().startsWith("ws://127.0.0.1:" + jetty.port() + "/echo via proxy"), log.label());
            } finally {
                ws.stop();
            }
        }
    }

    @Test
    void javaWebSocketThroughTheProxyToTheBuiltInDemoServer() throws Exception {
        DemoServer demo = SharedDemo.server();
        try (ProxyFixture proxy = new ProxyFixture()) {
            JwsClient client = new JwsClient(demo.uri("/fragmented"), false);
            client.setProxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.port())));
            assertTrue(client.connectBlocking(10, TimeUnit.SECONDS));
            Await.until(() -> !client.got.isEmpty(), "the demo's fragmented messages");
            client.closeBlocking();
            CaptureLog log = proxy.log(0);
            Await.until(() -> closed(log), "the close recorded");
            assertTrue(frames(log, Direction.IN).stream().anyMatch(f -> f.header().opcode() == Opcode.CONTINUATION),
                    dump(log));
            assertEquals(client.got.stream().filter(s -> !s.startsWith("binary:")).toList(),
                    texts(log, Direction.IN), "the capture's texts are the ones the client got");
        }
    }
}
