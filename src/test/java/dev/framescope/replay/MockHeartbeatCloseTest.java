package dev.framescope.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.PayloadStore;
import dev.framescope.engine.Connection;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.Engine;
import dev.framescope.engine.EngineSettings;
import dev.framescope.engine.io.ConnectionSetup;
import dev.framescope.testutil.Await;
import dev.framescope.wire.Opcode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.JettyUpgradeListener;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mock plays the recorded server's heartbeat, close and extension parameters: pings with the recorded payloads
 * on the recorded schedule (a Java-WebSocket client sees them), the server's own close with its code and reason after
 * the message it followed (a Jetty 12 client sees them), and permessage-deflate answered with the recorded
 * parameters.
 */
class MockHeartbeatCloseTest {

    private static Engine engine;
    private static WebSocketClient jetty;

    @BeforeAll
    static void start() throws Exception {
        engine = Engine.start(EngineSettings.DEFAULTS);
        jetty = new WebSocketClient();
        jetty.start();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
        engine.close();
    }

    /** A conversation with the demo: {@code talk} sends; it is recorded until {@code done} holds for the log. */
    private static Recording record(ConnectionSpec spec, BiConsumer<Connection, CaptureLog> talk,
                                    java.util.function.Predicate<CaptureLog> done) throws Exception {
        CaptureLog log = new CaptureLog(1, spec.uri().toString(), new PayloadStore(PayloadStore.DEFAULT_BUDGET));
        log.setSetup(ConnectionSetup.of(spec));
        try (Connection c = engine.open(spec, log)) {
            assertTrue(c.awaitOpen(Duration.ofSeconds(10)), () -> "the demo did not open: " + c.failure());
            talk.accept(c, log);
            Await.until(() -> done.test(log), "the recorded conversation");
            c.close(1000, "recorded");
            c.awaitEnded(Duration.ofSeconds(5));
        }
        return Recording.of(log);
    }

    private static MockServer mock(Recording rec) throws Exception {
        return new MockServer(new InetSocketAddress("127.0.0.1", 0), MockScript.of(rec), MockCursor.Match.CONTENT,
                List.of(), UnmatchedPolicy.IGNORE, false).startAndWait();
    }

    /** A Java-WebSocket client that keeps the pings it gets. */
    private static final class PingedClient extends org.java_websocket.client.WebSocketClient {
        final List<String> pings = new CopyOnWriteArrayList<>();

        PingedClient(URI uri) {
            super(uri);
        }

        @Override
        public void onWebsocketPing(org.java_websocket.WebSocket conn, Framedata f) {
            pings.add(StandardCharsets.UTF_8.decode(f.getPayloadData().duplicate()).toString());
            super.onWebsocketPing(conn, f);
        }

        @Override
        public void onOpen(ServerHandshake h) {
        }

        @Override
        public void onMessage(String message) {
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
        }

        @Override
        public void onError(Exception ex) {
        }
    }

    @Test
    void theRecordedPingsGoOutWithTheirPayloads() throws Exception {
        Recording rec = record(ConnectionSpec.to(DemoRecordings.demo().uri("/heartbeat?interval=150&pongDelay=0")),
                (c, log) -> c.sendText("hi"), log -> rec(log, Direction.IN, "PING") >= 3);
        assertTrue(rec.serverPings().size() >= 3, rec.serverPings()::toString);
        List<String> recorded = rec.serverPings().stream()
                .map(p -> new String(p.payload(), StandardCharsets.UTF_8)).toList();
        try (MockServer mock = mock(rec)) {
            PingedClient client = new PingedClient(URI.create("ws://127.0.0.1:" + mock.getPort() + "/heartbeat"));
            assertTrue(client.connectBlocking(10, TimeUnit.SECONDS));
            try {
                Await.until(() -> client.pings.size() >= 3, "the recorded pings");
                assertEquals(recorded.subList(0, 3), client.pings.subList(0, 3));
            } finally {
                client.closeBlocking();
            }
        }
    }

    @Test
    void theServersOwnCloseComesAfterTheMessageItFollowedWithItsCodeAndReason() throws Exception {
        Recording rec = record(ConnectionSpec.to(DemoRecordings.demo().uri("/headers?close=4000&echoes=1")),
                (c, log) -> {
                    // The headers message first, so that it is the server's opening, not an answer to ours.
                    Await.until(() -> DemoRecordings.messages(log, Direction.IN) >= 1, "the headers message");
                    c.sendText("one");
                }, log -> log.readFrom(0, log.size()).stream()
                        .anyMatch(e -> e instanceof CaptureEvent.CloseEvent));
        assertEquals(4000, rec.serverClose().orElseThrow().code(), rec::toString);
        try (MockServer mock = mock(rec)) {
            MockServerTest.Peer peer = new MockServerTest.Peer();
            jetty.connect(peer, URI.create("ws://127.0.0.1:" + mock.getPort() + "/headers"),
                    new ClientUpgradeRequest()).get(10, TimeUnit.SECONDS);
            Await.until(() -> peer.texts.size() == 1, "the recorded headers message");
            assertEquals(0, peer.closeCode, "no close before the message it followed");
            peer.session.sendText("one", Callback.NOOP);
            Await.until(() -> peer.closeCode != 0, "the recorded close");
            assertEquals(4000, peer.closeCode);
            assertEquals("demo headers done", peer.closeReason);
            assertEquals(List.of("one"), peer.texts.subList(1, peer.texts.size()), "the echo came first");
        }
    }

    @Test
    void permessageDeflateIsAnsweredWithTheRecordedParametersAndCompresses() throws Exception {
        String answer = "permessage-deflate; client_no_context_takeover; client_max_window_bits=12";
        assertEquals(answer, deflateAnswer(answer, true));
    }

    /**
     * RFC 7692 §7.1.2.1: a recorded server_max_window_bits below 15 is answered as recorded; the library's deflater
     * cannot shrink its window, so the mock keeps the promise by sending its messages uncompressed (§6 allows any).
     */
    @Test
    void aNarrowRecordedServerWindowIsAnsweredAndKeptBySendingUncompressed() throws Exception {
        String answer = "permessage-deflate; client_no_context_takeover; client_max_window_bits=12; "
                + "server_max_window_bits=10";
        assertEquals(answer, deflateAnswer(answer, false));
    }

    /**
     * Serves a recorded /echo whose server answered permessage-deflate with {@code recordedAnswer} to a Jetty client
     * offering {@code client_max_window_bits}; checks the echo arrives, compressed or not as said; returns the answer.
     */
    private static String deflateAnswer(String recordedAnswer, boolean compressed) throws Exception {
        String text = "compress me ".repeat(200);
        Recording base = record(ConnectionSpec.to(DemoRecordings.demo().uri("/echo")), (c, log) -> c.sendText(text),
                log -> DemoRecordings.messages(log, Direction.IN) >= 1);
        Recording rec = new Recording(base.connectionId(), base.label(), base.setup(), base.client(), base.server(),
                base.subprotocol(), recordedAnswer, false, false);
        try (MockServer mock = mock(rec)) {
            MockServerTest.Peer peer = new MockServerTest.Peer();
            ClientUpgradeRequest upgrade = new ClientUpgradeRequest();
            upgrade.addExtensions("permessage-deflate; client_max_window_bits");
            String[] answer = new String[1];
            JettyUpgradeListener listener = new JettyUpgradeListener() {
                @Override
                public void onHandshakeResponse(org.eclipse.jetty.client.Request request,
                                                org.eclipse.jetty.client.Response response) {
                    answer[0] = response.getHeaders().get("Sec-WebSocket-Extensions");
                }
            };
            jetty.connect(peer, URI.create("ws://127.0.0.1:" + mock.getPort() + "/echo"), upgrade, listener)
                    .get(10, TimeUnit.SECONDS);
            peer.session.sendText(text, Callback.NOOP);
            Await.until(() -> peer.texts.size() == 1, "the recorded echo");
            assertEquals(text, peer.texts.get(0));
            CaptureLog log = mock.logs().get(0);
            Await.until(() -> rec(log, Direction.IN, "TEXT") == 1, "the echo in the mock's capture");
            List<Boolean> rsv1 = log.readFrom(0, log.size()).stream()
                    .filter(e -> e instanceof CaptureEvent.FrameEvent f && f.dir() == Direction.IN
                            && f.header().opcode() == Opcode.TEXT)
                    .map(e -> ((CaptureEvent.FrameEvent) e).header().rsv1()).toList();
            assertEquals(List.of(compressed), rsv1, "RSV1 on the mock's echo");
            return answer[0];
        }
    }

    private static long rec(CaptureLog log, Direction dir, String opcode) {
        return log.readFrom(0, log.size()).stream().filter(e -> e instanceof CaptureEvent.FrameEvent f
                && f.dir() == dir && f.header().opcode().name().equals(opcode)).count();
    }
}
