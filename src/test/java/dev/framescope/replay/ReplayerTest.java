package dev.framescope.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.PayloadStore;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.Engine;
import dev.framescope.engine.RawServer;
import dev.framescope.testutil.SharedEngine;
import dev.framescope.wire.FrameEncoder;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Replays recorded demo conversations against the demo and its variants. */
class ReplayerTest {

    private static final Engine engine = SharedEngine.get();

    private static ReplayResult replay(Recording recording, Optional<String> path, Timing timing, String... masks)
            throws Exception {
        ConnectionSpec spec = ReplaySpec.build(recording.setup(),
                path.map(p -> DemoRecordings.demo().uri(p).toString()), Map.of());
        CaptureLog log = new CaptureLog(2, "replay", new PayloadStore(PayloadStore.DEFAULT_BUDGET));
        return Replayer.of(timing, List.of(masks).stream().map(JsonMask::parse).toList())
                .run(engine, recording, spec, log);
    }

    @Test
    void jsonRpcReplayedFastMatches() throws Exception {
        Recording rec = Recording.of(DemoRecordings.record(DemoRecordings.JSONRPC));
        ReplayResult r = replay(rec, Optional.empty(), Timing.FAST);
        assertTrue(r.matches(), () -> r.outcomes() + " " + r.problems());
        assertEquals(5, r.count(Outcome.Verdict.SAME));
    }

    @Test
    void jsonRpcAnswersArePairedByIdSoReorderedAnswersStillMatch() throws Exception {
        Recording rec = Recording.of(DemoRecordings.record(DemoRecordings.JSONRPC));
        ReplayResult r = replay(rec, Optional.of("/jsonrpc?notify=0&reorder=1"), Timing.FAST, "$.id");
        assertTrue(r.matches(), () -> r.outcomes() + " " + r.problems());
        List<Integer> order = r.outcomes().stream().map(o -> o.replayed().getAsInt()).toList();
        assertFalse(order.equals(List.of(0, 1, 2, 3, 4)), "the variant did reorder: " + order);
    }

    @Test
    void aVariantThatChangesOneFieldIsNamedInTheDiff() throws Exception {
        Recording rec = Recording.of(DemoRecordings.record(DemoRecordings.JSONRPC));
        ReplayResult r = replay(rec, Optional.of("/jsonrpc?notify=0&drift=1"), Timing.RECORDED);
        assertFalse(r.matches());
        List<Outcome> changed = r.outcomes().stream().filter(o -> o.verdict() == Outcome.Verdict.CHANGED).toList();
        assertEquals(3, changed.size(), r.outcomes()::toString);
        assertEquals(List.of(new Difference("$.result", "5", "6")), changed.get(0).differences());
        assertEquals(Optional.of("id 1"), changed.get(0).key());
    }

    @Test
    void stompReplayedReactivelyMatchesWithTheSessionHeaderIgnored() throws Exception {
        Recording rec = Recording.of(DemoRecordings.record(DemoRecordings.STOMP));
        ReplayResult r = replay(rec, Optional.empty(), Timing.REACTIVE, "$.headers.session");
        assertTrue(r.matches(), () -> r.outcomes() + " " + r.problems());
        ReplayResult strict = replay(rec, Optional.empty(), Timing.REACTIVE);
        assertEquals("$.headers.session", strict.outcomes().get(0).differences().get(0).where());
    }

    @Test
    void graphqlReplayedReactivelyMatches() throws Exception {
        Recording rec = Recording.of(DemoRecordings.record(DemoRecordings.GRAPHQL));
        ReplayResult r = replay(rec, Optional.empty(), Timing.REACTIVE);
        assertTrue(r.matches(), () -> r.outcomes() + " " + r.problems());
        assertEquals(Optional.of("operation \"1\" complete"), r.outcomes().get(4).key());
    }

    @Test
    void aServerThatClosesMidReplayIsReportedAndTheMissingAnswersListed() throws Exception {
        Recording rec = Recording.of(DemoRecordings.record(new DemoRecordings.Script("/echo", List.of(),
                List.of("one", "two", "three"), 3)));
        ReplayResult r = replay(rec, Optional.of("/headers?close=4000&echoes=1"), Timing.REACTIVE);
        assertFalse(r.matches());
        assertTrue(r.problems().get(0).startsWith("the server ended the connection after"), r.problems()::toString);
        assertTrue(r.count(Outcome.Verdict.MISSING) >= 1, r.outcomes()::toString);
    }

    @Test
    void aCloseAroundTheSendsEndsTheReplayAsAProblemNotAnError() throws Exception {
        Recording rec = Recording.of(DemoRecordings.record(new DemoRecordings.Script("/echo", List.of(),
                List.of("one", "two", "three"), 3)));
        // The 101 and a close frame in one write, and the TCP connection kept open: when the first message is due,
        // our side is closing (it answered the close and waits for the server to end TCP), not ended.
        try (RawServer server = new RawServer((socket, accept) -> {
            OutputStream out = socket.getOutputStream();
            out.write(RawServer.upgrade(accept).getBytes(StandardCharsets.US_ASCII));
            out.write(FrameEncoder.close(4000, "bye").encode());
            out.flush();
            InputStream in = socket.getInputStream();
            while (in.read(new byte[1024]) >= 0) {
                // Held open until the client gives up.
            }
        })) {
            ConnectionSpec spec = ReplaySpec.build(rec.setup(), Optional.of(server.uri("/echo").toString()), Map.of());
            // Whether the close is met before the first send, between two, or after the last is the race itself:
            // the replay must end with the problem named in each case, never with an exception.
            ReplayResult r = Replayer.of(Timing.RECORDED, List.of())
                    .run(engine, rec, spec, new CaptureLog(4, "closing", new PayloadStore(1 << 20)));
            assertTrue(r.problems().get(0).startsWith("the server ended the connection after " + r.sent()
                    + " of our 3 messages"), r.problems()::toString);
        }
    }

    @Test
    void aRecordingWithoutClientMessagesIsRefusedInWords() throws Exception {
        CaptureLog log = DemoRecordings.record(new DemoRecordings.Script("/jsonrpc?notify=0", List.of(), List.of(),
                1));
        ReplayException e = assertThrows(ReplayException.class, () -> Recording.of(log));
        assertTrue(e.getMessage().contains("has no messages from the client to replay"), e.getMessage());
    }

    @Test
    void anUnreachableServerIsACleanFailure() throws Exception {
        Recording rec = Recording.of(DemoRecordings.record(DemoRecordings.JSONRPC));
        ConnectionSpec spec = ReplaySpec.build(rec.setup(), Optional.of("ws://127.0.0.1:1/none"), Map.of());
        ReplayException e = assertThrows(ReplayException.class, () -> Replayer.of(Timing.FAST, List.of())
                .run(engine, rec, spec, new CaptureLog(3, "x", new PayloadStore(1 << 20))));
        assertTrue(e.getMessage().startsWith("could not connect to ws://127.0.0.1:1/none"), e.getMessage());
    }
}
