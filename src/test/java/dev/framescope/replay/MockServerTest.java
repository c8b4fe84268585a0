package dev.framescope.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.testutil.Await;
import dev.framescope.wire.Opcode;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A mock of a recorded demo /jsonrpc conversation, driven by Jetty 12's WebSocket client. */
class MockServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Recording jsonRpc;
    private static WebSocketClient jetty;

    /** What a Jetty client receives, and how its connection ended. */
    public static final class Peer implements Session.Listener.AutoDemanding {
        final List<String> texts = new CopyOnWriteArrayList<>();
        volatile Session session;
        volatile int closeCode;
        volatile String closeReason = "";

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketText(String message) {
            texts.add(message);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            closeCode = statusCode;
            closeReason = reason;
            callback.succeed();
        }

        void send(String text) {
            session.sendText(text, Callback.NOOP);
        }

        JsonNode json(int i) throws Exception {
            return JSON.readTree(texts.get(i));
        }
    }

    @BeforeAll
    static void record() throws Exception {
        jsonRpc = Recording.of(DemoRecordings.record(DemoRecordings.JSONRPC));
        jetty = new WebSocketClient();
        jetty.start();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
    }

    private static MockServer mock(MockCursor.Match match, UnmatchedPolicy policy) throws Exception {
        return new MockServer(new InetSocketAddress("127.0.0.1", 0), MockScript.of(jsonRpc), match, List.of(),
                policy, true).startAndWait();
    }

    private static Peer connect(MockServer mock) throws Exception {
        Peer peer = new Peer();
        jetty.connect(peer, URI.create("ws://127.0.0.1:" + mock.getPort() + "/jsonrpc"), new ClientUpgradeRequest())
                .get(10, TimeUnit.SECONDS);
        return peer;
    }

    private static String call(String method, String params, int id) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":" + id + "}";
    }

    @Test
    void aJettyClientGetsTheRecordedResultsUnderItsOwnIds() throws Exception {
        try (MockServer mock = mock(MockCursor.Match.CONTENT, UnmatchedPolicy.IGNORE)) {
            Peer peer = connect(mock);
            Await.until(() -> peer.texts.size() == 1, "the recorded welcome");
            assertEquals("welcome", peer.json(0).path("method").asText());
            peer.send(call("subtract", "[10,4]", 42));
            peer.send(call("add", "[2,3]", 43));
            Await.until(() -> peer.texts.size() == 3, "two answers");
            assertEquals(6, peer.json(1).path("result").asInt());
            assertEquals(42, peer.json(1).path("id").asInt());
            assertEquals(5, peer.json(2).path("result").asInt());
            assertEquals(43, peer.json(2).path("id").asInt());
            Await.until(() -> mock.logs().get(0).size() >= 6, "the mock's capture of both sides");
        }
    }

    @Test
    void eachClientIsCapturedFrameExactFromItsUpgradeToItsClose() throws Exception {
        try (MockServer mock = mock(MockCursor.Match.CONTENT, UnmatchedPolicy.IGNORE)) {
            Peer peer = connect(mock);
            peer.send(call("add", "[2,3]", 9));
            Await.until(() -> peer.texts.size() == 2, "the welcome and the answer");
            peer.session.close(1000, "client done", Callback.NOOP);
            CaptureLog log = mock.logs().get(0);
            Await.until(() -> events(log).stream().anyMatch(e -> e instanceof CaptureEvent.CloseEvent),
                    "the close recorded");
            List<CaptureEvent> events = events(log);
            CaptureEvent.HandshakeEvent upgrade = events.stream().filter(CaptureEvent.HandshakeEvent.class::isInstance)
                    .map(CaptureEvent.HandshakeEvent.class::cast).findFirst().orElseThrow();
            assertEquals(101, upgrade.status());
            assertTrue(new String(upgrade.rawRequest(), StandardCharsets.US_ASCII).startsWith("GET /jsonrpc HTTP/1.1"));
            List<CaptureEvent.FrameEvent> frames = events.stream().filter(CaptureEvent.FrameEvent.class::isInstance)
                    .map(CaptureEvent.FrameEvent.class::cast).toList();
            CaptureEvent.FrameEvent request = frames.stream().filter(f -> f.dir() == Direction.OUT
                    && f.header().opcode() == Opcode.TEXT).findFirst().orElseThrow();
            assertTrue(request.header().masked(), "the client's frame as it crossed the wire, with its mask");
            assertEquals(2, frames.stream().filter(f -> f.dir() == Direction.IN && f.header().opcode() == Opcode.TEXT)
                    .count(), "our welcome and answer");
            CaptureEvent.CloseEvent close = events.stream().filter(CaptureEvent.CloseEvent.class::isInstance)
                    .map(CaptureEvent.CloseEvent.class::cast).findFirst().orElseThrow();
            assertEquals(1000, close.sentCode().orElse(-1), "the client's close code, as the client sent it");
            assertEquals("client done", close.sentReason());
        }
    }

    private static List<CaptureEvent> events(CaptureLog log) {
        return log.readFrom(0, log.size());
    }

    @Test
    void anUnknownMethodIsListedAndAnsweredByThePolicy() throws Exception {
        try (MockServer mock = mock(MockCursor.Match.CONTENT, UnmatchedPolicy.CLOSE)) {
            Peer peer = connect(mock);
            peer.send(call("divide", "[1,0]", 1));
            Await.until(() -> peer.closeCode != 0, "the policy's close");
            assertEquals(1008, peer.closeCode);
            assertEquals(UnmatchedPolicy.CLOSE_REASON, peer.closeReason);
            assertEquals(1, mock.unmatched().size());
            assertTrue(mock.unmatched().get(0).message().contains("divide"));
        }
        try (MockServer mock = mock(MockCursor.Match.CONTENT,
                UnmatchedPolicy.reply("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601},\"id\":null}"))) {
            Peer peer = connect(mock);
            peer.send(call("divide", "[1,0]", 1));
            Await.until(() -> peer.texts.size() == 2, "the configured reply");
            assertEquals(-32601, peer.json(1).path("error").path("code").asInt());
        }
    }

    @Test
    void twoClientsAtOnceEachHaveTheirOwnCursor() throws Exception {
        try (MockServer mock = mock(MockCursor.Match.ORDER, UnmatchedPolicy.IGNORE)) {
            Peer a = connect(mock);
            Peer b = connect(mock);
            a.send(call("add", "[2,3]", 1));
            b.send(call("add", "[2,3]", 7));
            a.send(call("subtract", "[10,4]", 2));
            Await.until(() -> a.texts.size() == 3 && b.texts.size() == 2, "each client's answers");
            assertEquals(5, a.json(1).path("result").asInt());
            assertEquals(6, a.json(2).path("result").asInt());
            assertEquals(5, b.json(1).path("result").asInt());
            assertEquals(7, b.json(1).path("id").asInt());
            assertEquals(2, mock.logs().size());
        }
    }

    @Test
    void aClientSendingGarbageDoesNotStopTheMock() throws Exception {
        try (MockServer mock = mock(MockCursor.Match.CONTENT, UnmatchedPolicy.IGNORE)) {
            try (Socket raw = new Socket("127.0.0.1", mock.getPort())) {
                OutputStream out = raw.getOutputStream();
                out.write("GET /jsonrpc HTTP/1.1\r\nHost: x\r\n\r\n\u0000\u00ff garbage".getBytes(
                        StandardCharsets.ISO_8859_1));
                out.flush();
                raw.setSoTimeout(5000);
                byte[] answer = raw.getInputStream().readNBytes(12);
                assertTrue(new String(answer, StandardCharsets.ISO_8859_1).matches("HTTP/1\\.1 4\\d\\d"),
                        "a request that is no upgrade is refused with a 4xx: " + new String(answer,
                        StandardCharsets.ISO_8859_1));
            }
            Peer peer = connect(mock);
            peer.send("not json at all");
            peer.send(call("add", "[2,3]", 9));
            Await.until(() -> peer.texts.size() == 2, "the answer after the garbage");
            assertEquals(9, peer.json(1).path("id").asInt());
            assertEquals("not json at all", mock.unmatched().get(0).message());
            assertEquals(List.of(), mock.failed(), "a refused upgrade or an unmatched message breaks no rule");
        }
    }
}
