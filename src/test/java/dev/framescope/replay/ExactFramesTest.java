package dev.framescope.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --exact-frames}: a conversation with the demo echo recorded with fragmented text and binary messages, a ping
 * between them and permessage-deflate, replayed with its recorded frames against a mock of itself — a server that
 * captures every frame it receives — and against the demo. The server sees the recorded fragmentation, opcodes, RSV1
 * and compressed payloads; without the option it sees one plain frame per message.
 */
class ExactFramesTest {

    private static final byte[] BINARY = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = Engine.start(EngineSettings.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** Records a conversation with the demo echo: {@code talk} sends, {@code answers} messages come back. */
    private static Recording record(ConnectionSpec spec, Consumer<Connection> talk, int answers) throws Exception {
        CaptureLog log = new CaptureLog(1, spec.uri().toString(), new PayloadStore(PayloadStore.DEFAULT_BUDGET));
        log.setSetup(ConnectionSetup.of(spec));
        try (Connection c = engine.open(spec, log)) {
            assertTrue(c.awaitOpen(Duration.ofSeconds(10)), () -> "the echo did not open: " + c.failure());
            talk.accept(c);
            Await.until(() -> DemoRecordings.messages(log, Direction.IN) >= answers, "the echoes");
            c.close(1000, "recorded");
            c.awaitEnded(Duration.ofSeconds(5));
        }
        return Recording.of(log);
    }

    private static Recording fragmented() throws Exception {
        return record(ConnectionSpec.to(DemoRecordings.demo().uri("/echo")), c -> {
            c.sendFragmented(Opcode.TEXT, "hello, fragmented world".getBytes(StandardCharsets.UTF_8), 3);
            c.ping("between".getBytes(StandardCharsets.UTF_8));
            c.sendFragmented(Opcode.BINARY, BINARY, 2);
            c.sendText("plain");
        }, 3);
    }

    /** Replays {@code rec} against a mock of itself; returns the result and the frames the mock received. */
    private static Replayed againstMock(Recording rec, boolean exact) throws Exception {
        try (MockServer mock = new MockServer(new InetSocketAddress("127.0.0.1", 0), MockScript.of(rec),
                MockCursor.Match.CONTENT, List.of(), UnmatchedPolicy.IGNORE, true).startAndWait()) {
            ConnectionSpec spec = ReplaySpec.build(rec.setup(), Optional.of("ws://127.0.0.1:" + mock.getPort()
                    + "/echo"), Map.of());
            CaptureLog log = new CaptureLog(2, "replay", new PayloadStore(PayloadStore.DEFAULT_BUDGET));
            ReplayResult r = Replayer.of(Timing.REACTIVE, List.of()).withExactFrames(exact)
                    .run(engine, rec, spec, log);
            CaptureLog seen = mock.logs().get(0);
            Await.until(() -> frames(seen).stream().anyMatch(f -> f.header().opcode() == Opcode.CLOSE),
                    "our close frame at the mock");
            return new Replayed(r, frames(seen).stream().map(f -> f.header().opcode() + (f.header().fin() ? "" : "…")
                    + (f.header().rsv1() ? "+RSV1" : "")).toList(), frames(seen));
        }
    }

    private record Replayed(ReplayResult result, List<String> shapes, List<CaptureEvent.FrameEvent> frames) {
    }

    /** The frames the client sent, as the log has them. */
    private static List<CaptureEvent.FrameEvent> frames(CaptureLog log) {
        return log.readFrom(0, log.size()).stream().filter(CaptureEvent.FrameEvent.class::isInstance)
                .map(CaptureEvent.FrameEvent.class::cast).filter(f -> f.dir() == Direction.OUT).toList();
    }

    @Test
    void theRecordingKeepsEachMessagesFramesWithThePingBetween() throws Exception {
        Recording rec = fragmented();
        assertEquals(List.of(Opcode.TEXT, Opcode.CONTINUATION, Opcode.CONTINUATION),
                rec.client().get(0).frames().stream().map(WireFrame::opcode).toList());
        assertEquals(List.of(Opcode.PING, Opcode.BINARY, Opcode.CONTINUATION),
                rec.client().get(1).frames().stream().map(WireFrame::opcode).toList());
        assertTrue(rec.hasFrames());
    }

    @Test
    void theServerSeesTheRecordedFragmentsOpcodesAndPing() throws Exception {
        Recording rec = fragmented();
        Replayed exact = againstMock(rec, true);
        assertTrue(exact.result().matches(), () -> exact.result().outcomes() + " " + exact.result().problems());
        assertEquals(List.of("TEXT…", "CONTINUATION…", "CONTINUATION", "PING", "BINARY…", "CONTINUATION", "TEXT",
                "CLOSE"), exact.shapes());
        assertArrayEquals(new byte[] {6, 7, 8, 9, 10}, exact.frames().get(5).payload().bytes(),
                "the second binary fragment, as recorded");
        Replayed plain = againstMock(rec, false);
        assertTrue(plain.result().matches(), () -> plain.result().outcomes().toString());
        assertEquals(List.of("TEXT", "BINARY", "TEXT", "CLOSE"), plain.shapes(), "without the option: messages");
    }

    @Test
    void compressedFramesGoOutAsTheyWereCompressed() throws Exception {
        ConnectionSpec spec = ConnectionSpec.to(DemoRecordings.demo().uri("/echo"))
                .withExtensionOffers(List.of("permessage-deflate; client_max_window_bits"));
        String json = "{\"op\":\"subscribe\",\"channel\":\"prices\",\"symbols\":[\"AAA\",\"AAA\",\"AAA\",\"AAA\"]}";
        Recording rec = record(spec, c -> {
            c.sendText(json);
            c.sendText(json);
        }, 2);
        WireFrame recorded = rec.client().get(1).frames().get(0);
        assertTrue(recorded.rsv1(), "the recording compressed it: " + rec.client().get(1).frames());
        Replayed exact = againstMock(rec, true);
        assertTrue(exact.result().matches(), () -> exact.result().outcomes() + " " + exact.result().problems());
        assertEquals(List.of("TEXT+RSV1", "TEXT+RSV1", "CLOSE"), exact.shapes());
        assertArrayEquals(recorded.payload(), exact.frames().get(1).payload().bytes(),
                "the second message's compressed bytes, the same as recorded (context taken over)");
    }

    @Test
    void aMessageLevelSessionCannotBeReplayedFrameExact() throws Exception {
        Recording rec = fragmented();
        Recording har = new Recording(rec.connectionId(), rec.label(), rec.setup(), rec.client().stream()
                .map(r -> new Recording.Recorded(r.index(), r.nanos(), r.content(), r.serverBefore())).toList(),
                rec.server(), rec.subprotocol(), rec.extensions(), true, rec.serverClosed());
        ConnectionSpec spec = ReplaySpec.build(har.setup(), Optional.empty(), Map.of());
        ReplayException e = assertThrows(ReplayException.class, () -> Replayer.of(Timing.FAST, List.of())
                .withExactFrames(true).run(engine, har, spec, new CaptureLog(3, "x", new PayloadStore(1 << 20))));
        assertTrue(e.getMessage().contains("recorded without frames"), e.getMessage());
    }
}
