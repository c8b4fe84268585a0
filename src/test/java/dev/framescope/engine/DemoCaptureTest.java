package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.HeartbeatStats;
import dev.framescope.demo.ChaosScript;
import dev.framescope.demo.DemoServer;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.SharedDemo;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Violation;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every demo scenario, captured by the instrumented engine and asserted from the capture. */
class DemoCaptureTest {

    private static final DemoServer demo = SharedDemo.server();

    private static ConnectionSpec to(String path) {
        return ConnectionSpec.to(demo.uri(path));
    }

    @Test
    void echo() throws Exception {
        Connection c = Captures.openAndAwait(to("/echo"));
        c.sendText("ping?");
        Await.until(() -> Captures.texts(c.log(), Direction.IN).contains("ping?"), "echo");
        Captures.closeAndAwait(c);
        assertEquals(List.of(), Captures.violations(c.log()));
    }

    @Test
    void tickerDeliversEveryTickInOrder() throws Exception {
        Connection c = Captures.openAndAwait(to("/ticker?rate=20000&count=2000&size=64"));
        Await.until(() -> Captures.texts(c.log(), Direction.IN).size() == 2000, "2000 ticks");
        Captures.closeAndAwait(c);
        List<String> ticks = Captures.texts(c.log(), Direction.IN);
        for (int i = 0; i < ticks.size(); i++) {
            assertTrue(ticks.get(i).startsWith("{\"seq\":" + (i + 1) + ","), ticks.get(i));
        }
    }

    @Test
    void fragmentedShowsFragmentsAndTheInterleavedPing() throws Exception {
        Connection c = Captures.openAndAwait(to("/fragmented"));
        CaptureLog log = c.log();
        Await.until(() -> Captures.events(log, CaptureEvent.MessageEvent.class).size() >= 2, "two messages");
        Captures.closeAndAwait(c);
        List<Opcode> first = Captures.frames(log, Direction.IN).stream().limit(4).map(f -> f.header().opcode()).toList();
        assertEquals(List.of(Opcode.TEXT, Opcode.PING, Opcode.CONTINUATION, Opcode.CONTINUATION), first);
        CaptureEvent.MessageEvent text = Captures.events(log, CaptureEvent.MessageEvent.class).get(0);
        assertEquals(3, text.message().frameCount());
    }

    @Test
    void compressedInflatesWithTheNegotiatedParameters() throws Exception {
        Connection c = Captures.openAndAwait(to("/compressed").withExtensionOffers(List.of("permessage-deflate")));
        CaptureLog log = c.log();
        Await.until(() -> Captures.texts(log, Direction.IN).size() == 3, "three quotes");
        Captures.closeAndAwait(c);
        assertTrue(Captures.texts(log, Direction.IN).get(0).startsWith("{\"event\":\"quote\""));
        assertTrue(Captures.frames(log, Direction.IN).stream().filter(f -> f.header().opcode() == Opcode.TEXT)
                .allMatch(f -> f.header().rsv1() && f.inflated().isPresent()));
        assertEquals(List.of(), Captures.violations(log));
    }

    @Test
    void heartbeatRecordsServerPingsOurAnswersAndSlowPongs() throws Exception {
        Connection c = Captures.openAndAwait(to("/heartbeat?interval=40&pongDelay=30")
                .withHeartbeat(HeartbeatPolicy.every(java.time.Duration.ofMillis(60))));
        CaptureLog log = c.log();
        Await.until(() -> HeartbeatStats.of(log).count() >= 2 && Captures.events(log, CaptureEvent.HeartbeatEvent.class)
                .stream().anyMatch(h -> h.kind() == CaptureEvent.HeartbeatKind.PONG_SENT), "pongs both ways");
        Captures.closeAndAwait(c);
        assertTrue(HeartbeatStats.of(log).min() >= 30_000_000L, "the server delays its pongs by 30 ms");
    }

    @Test
    void closeCodeFromThePath() throws Exception {
        Connection c = Captures.open(to("/close/4000"));
        Await.until(c::ended, "closed");
        CaptureEvent.CloseEvent close = Captures.events(c.log(), CaptureEvent.CloseEvent.class).get(0);
        assertEquals(4000, close.receivedCode().getAsInt());
        assertEquals(CaptureEvent.Initiator.SERVER, close.initiator());
    }

    @Test
    void chaosFillsTheViolationCatalogue() throws Exception {
        Connection c = Captures.open(to("/chaos"));
        Await.until(c::ended, "Strict mode gives up on the chaos");
        Set<Violation> seen = Set.copyOf(Captures.violations(c.log()));
        Set<Violation> scripted = ChaosScript.steps().stream().map(ChaosScript.Step::violation)
                .collect(Collectors.toSet());
        assertTrue(seen.containsAll(scripted), "missing " + scripted.stream().filter(s -> !seen.contains(s)).toList());
    }

    @Test
    void chaosCloseDoesTheServersCloseWrongEveryWay() throws Exception {
        Connection c = Captures.open(to("/chaos-close"));
        Await.until(c::ended, "the chaos closes");
        Set<Violation> seen = Set.copyOf(Captures.violations(c.log()));
        Set<Violation> scripted = ChaosScript.closeSteps().stream().map(ChaosScript.Step::violation)
                .collect(Collectors.toSet());
        assertTrue(seen.containsAll(scripted), "missing " + scripted.stream().filter(s -> !seen.contains(s)).toList());
    }
}
