package dev.framescope.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code mock --exact-frames}: the demo's fragmented and compressed scenarios recorded, then served by the mock to a
 * client of our own engine, whose capture shows the server frames it received: the recorded fragments with the ping
 * between them, and the recorded compressed payloads byte for byte.
 */
class MockExactFramesTest {

    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = Engine.start(EngineSettings.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** Opens {@code spec}, waits for {@code before} server messages, sends "again", waits for {@code after}. */
    private static CaptureLog talk(ConnectionSpec spec, int before, int after) throws Exception {
        CaptureLog log = new CaptureLog(1, spec.uri().toString(), new PayloadStore(PayloadStore.DEFAULT_BUDGET));
        log.setSetup(ConnectionSetup.of(spec));
        try (Connection c = engine.open(spec, log)) {
            assertTrue(c.awaitOpen(Duration.ofSeconds(10)), () -> "did not open: " + c.failure());
            Await.until(() -> DemoRecordings.messages(log, Direction.IN) >= before, "the opening messages");
            c.sendText("again");
            Await.until(() -> DemoRecordings.messages(log, Direction.IN) >= after, "the answers");
            c.close(1000, "done");
            c.awaitEnded(Duration.ofSeconds(5));
        }
        return log;
    }

    /** The server's data frames and pings, as FIN/RSV1/opcode shapes. */
    private static List<String> shapes(CaptureLog log) {
        return serverFrames(log).stream().map(f -> f.header().opcode() + (f.header().fin() ? "" : "…")
                + (f.header().rsv1() ? "+RSV1" : "")).toList();
    }

    private static List<CaptureEvent.FrameEvent> serverFrames(CaptureLog log) {
        return log.readFrom(0, log.size()).stream().filter(CaptureEvent.FrameEvent.class::isInstance)
                .map(CaptureEvent.FrameEvent.class::cast).filter(f -> f.dir() == Direction.IN
                        && f.header().opcode() != Opcode.CLOSE).toList();
    }

    private static CaptureLog served(Recording rec, boolean exact, ConnectionSpec client, int before, int after)
            throws Exception {
        try (MockServer mock = new MockServer(new InetSocketAddress("127.0.0.1", 0), MockScript.of(rec),
                MockCursor.Match.CONTENT, List.of(), UnmatchedPolicy.IGNORE, true).exactFrames(exact)
                .startAndWait()) {
            return talk(ConnectionSpec.to("ws://127.0.0.1:" + mock.getPort() + client.uri().getPath())
                    .withExtensionOffers(client.extensionOffers()), before, after);
        }
    }

    @Test
    void theClientGetsTheRecordedFragmentsWithThePingBetween() throws Exception {
        ConnectionSpec spec = ConnectionSpec.to(DemoRecordings.demo().uri("/fragmented"));
        CaptureLog recorded = talk(spec, 2, 4);
        List<String> want = shapes(recorded);
        assertTrue(want.contains("PING") && want.contains("TEXT…"), "the demo fragments: " + want);
        Recording rec = Recording.of(recorded);
        assertEquals(want, shapes(served(rec, true, spec, 2, 4)));
        List<String> plain = shapes(served(rec, false, spec, 2, 4));
        assertTrue(plain.stream().filter(s -> !s.equals("PING")).allMatch(s -> !s.endsWith("…")),
                "without the option, whole messages: " + plain);
    }

    @Test
    void compressedFramesGoOutWithTheRecordedBytes() throws Exception {
        ConnectionSpec spec = ConnectionSpec.to(DemoRecordings.demo().uri("/compressed"))
                .withExtensionOffers(List.of("permessage-deflate; client_max_window_bits"));
        CaptureLog recorded = talk(spec, 1, 2);
        Recording rec = Recording.of(recorded);
        List<CaptureEvent.FrameEvent> want = serverFrames(recorded);
        assertTrue(want.get(0).header().rsv1(), "the demo compressed: " + shapes(recorded));
        CaptureLog seen = served(rec, true, spec, 1, 2);
        List<CaptureEvent.FrameEvent> got = serverFrames(seen);
        assertEquals(shapes(recorded), shapes(seen));
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i).payload().bytes(), got.get(i).payload().bytes(), "frame " + i);
        }
        assertEquals(DemoRecordings.messages(recorded, Direction.IN), DemoRecordings.messages(seen, Direction.IN),
                "every compressed message inflated at the client");
    }
}
