package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.HeartbeatKind;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.HeartbeatStats;
import dev.framescope.demo.DemoServer;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.JettyPeer;
import dev.framescope.testutil.SharedDemo;
import dev.framescope.wire.Opcode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat lab against real servers on loopback: our pong modes seen by Jetty 12 and on our own tap, the idle
 * probe against the demo's idle-timeout scenario, and the ping storm. Every test's timers run on a virtual clock the
 * tests advance, and so does the idle timeout of the demo the probe tests start; the demo's pings and Jetty's take
 * real time.
 */
class HeartbeatLabTest {

    private static final DemoServer demo = SharedDemo.server();
    /** Our side's timers — pong delay, heartbeat, probe limits, storm pacing — run on this clock only. */
    private final VirtualScheduler clock = new VirtualScheduler();
    private final Engine engine = Engine.on(clock, EngineSettings.DEFAULTS);
    private static final String JETTY_PING = "jetty-ping-1";
    /** A demo endpoint that measures its idle timeout on {@link #clock}; started by the tests that need one. */
    private DemoServer idleDemo;

    private DemoServer idleDemo() throws InterruptedException {
        if (idleDemo == null) {
            idleDemo = new DemoServer(0, clock.clock()).startAndWait();
        }
        return idleDemo;
    }

    @AfterEach
    void stopIdleDemo() throws InterruptedException {
        if (idleDemo != null) {
            idleDemo.close();
        }
    }

    @Test
    void autoModeAnswersJettysPingWithItsPayload() throws Exception {
        try (JettyPeer jetty = new JettyPeer()) {
            Connection c = Captures.openAndAwait(engine, ConnectionSpec.to(jetty.uri("/pinger")));
            Await.until(() -> jetty.pongs.contains(JETTY_PING), "Jetty got its pong");
            CaptureEvent.HeartbeatEvent answer = heartbeats(c.log(), HeartbeatKind.PONG_SENT).get(0);
            assertTrue(answer.rttNanos().isPresent(), "our answer time is recorded");
            Captures.closeAndAwait(c);
        }
    }

    /**
     * The capture records Jetty's ping before the driver acts on it, so the test waits for the echo of a text sent
     * after the ping was seen: that echo comes in a later read, when the ping has been acted on and a pong (if any)
     * queued ahead of our close. The auto case is the control that shows this procedure would see one.
     */
    @Test
    void offModeNeverAnswersWhileAutoDoesInTheSameSequence() throws Exception {
        assertEquals(List.of(JETTY_PING), ourPongsAfterPingThenClose(PongMode.AUTO));
        assertEquals(List.of(), ourPongsAfterPingThenClose(PongMode.OFF));
    }

    private List<String> ourPongsAfterPingThenClose(PongMode mode) throws Exception {
        try (JettyPeer jetty = new JettyPeer()) {
            Connection c = Captures.openAndAwait(engine, ConnectionSpec.to(jetty.uri("/pinger"))
                    .withHeartbeat(HeartbeatPolicy.OFF.withPong(mode)));
            Await.until(() -> !heartbeats(c.log(), HeartbeatKind.SERVER_PING).isEmpty(), "Jetty's ping arrived");
            c.sendText("after the ping");
            Await.until(() -> Captures.texts(c.log(), Direction.IN).contains("after the ping"), "the echo arrived");
            Captures.closeAndAwait(c);
            assertTrue(Captures.events(c.log(), CaptureEvent.CloseEvent.class).get(0).clean(),
                    "the close handshake completed, so everything queued before it went out");
            return outgoingPongs(c.log());
        }
    }

    @Test
    void delayedModeAnswersNoSoonerThanTheDelayOnTheTapsClock() throws Exception {
        Duration delay = Duration.ofMillis(300);
        try (JettyPeer jetty = new JettyPeer()) {
            Connection c = Captures.openAndAwait(engine, ConnectionSpec.to(jetty.uri("/pinger"))
                    .withHeartbeat(HeartbeatPolicy.OFF.withPong(new PongMode.Delayed(delay))));
            CaptureLog log = c.log();
            Await.until(() -> !heartbeats(log, HeartbeatKind.SERVER_PING).isEmpty(), "Jetty's ping arrived");
            clock.advance(delay.minusMillis(1));
            assertEquals(List.of(), outgoingPongs(log), "no pong before the delay");
            // The read thread records the ping before it schedules the pong: under load that may be after the
            // advance above, so the clock goes on a millisecond at a time until Jetty has the pong.
            clock.advanceUntil(Duration.ofMillis(1), () -> jetty.pongs.contains(JETTY_PING),
                    "Jetty got the delayed pong");
            long pingIn = frames(log, Direction.IN, Opcode.PING).get(0).nanos();
            long pongOut = frames(log, Direction.OUT, Opcode.PONG).get(0).nanos();
            assertTrue(pongOut - pingIn >= delay.toNanos(), "pong " + (pongOut - pingIn) / 1e6 + " ms after the ping");
            long answer = heartbeats(log, HeartbeatKind.PONG_SENT).get(0).rttNanos().orElseThrow();
            assertTrue(answer >= delay.toNanos(), "recorded answer time " + answer / 1e6 + " ms");
            Captures.closeAndAwait(c);
        }
    }

    @Test
    void customPayloadGoesOnTheWireAndIsStillMatchedToThePing() throws Exception {
        try (JettyPeer jetty = new JettyPeer()) {
            Connection c = Captures.openAndAwait(engine, ConnectionSpec.to(jetty.uri("/pinger"))
                    .withHeartbeat(HeartbeatPolicy.OFF.withPong(new PongMode.CustomPayload("not-your-ping"))));
            Await.until(() -> jetty.pongs.contains("not-your-ping"), "Jetty got the custom pong");
            assertEquals(List.of("not-your-ping"), outgoingPongs(c.log()));
            assertTrue(heartbeats(c.log(), HeartbeatKind.PONG_SENT).get(0).rttNanos().isPresent(),
                    "answer time measured from Jetty's ping although the payloads differ");
            Captures.closeAndAwait(c);
        }
    }

    @Test
    void idleProbeReportsTheServersCloseAndHowLongItWaited() throws Exception {
        Duration timeout = Duration.ofMillis(600);
        Duration every = Duration.ofMillis(100);
        // Our heartbeat alone would keep this connection open; the probe must silence it.
        Connection c = Captures.openAndAwait(engine, ConnectionSpec.to(
                idleDemo().uri("/idle?timeout=" + timeout.toMillis()))
                .withHeartbeat(HeartbeatPolicy.every(every)));
        for (int beat = 1; beat <= 2; beat++) {
            clock.advance(every);
            int n = beat;
            Await.until(() -> heartbeats(c.log(), HeartbeatKind.PONG_RECEIVED).size() >= n, "heartbeat " + n);
        }
        int probeStart = c.log().size();
        var probe = c.probeIdle(Duration.ofSeconds(20));
        assertThrows(IllegalStateException.class, () -> c.probeIdle(Duration.ofSeconds(1)), "one probe at a time");
        assertThrows(IllegalStateException.class, () -> c.pingStorm(3, Duration.ZERO), "a storm would break it");
        // Heartbeat ticks fall due meanwhile and must send nothing; the server's timeout passes with them.
        clock.advance(timeout);
        IdleProbeResult result = probe.get(25, TimeUnit.SECONDS);
        IdleProbeResult.ServerClose close = assertInstanceOf(IdleProbeResult.ServerClose.class, result.ending(),
                result.describe());
        assertEquals(1001, close.code().getAsInt());
        assertEquals("idle timeout", close.reason());
        assertTrue(result.idle().compareTo(timeout) >= 0, result.describe());
        assertEquals(0, result.otherFramesSent());
        assertTrue(c.log().readFrom(probeStart, c.log().size() - probeStart).stream()
                .noneMatch(e -> e instanceof CaptureEvent.FrameEvent f && f.dir() == Direction.OUT
                        && f.header().opcode() == Opcode.PING), "no ping of ours after the probe started");
        assertTrue(Captures.events(c.log(), CaptureEvent.NoteEvent.class).stream()
                .anyMatch(n -> n.text().startsWith("idle probe: idle for ")
                        && n.text().contains("then server sent close 1001 'idle timeout'")), Captures.dump(c.log()));
        Await.until(c::ended, "connection ended");
    }

    @Test
    void idleProbeNamesATcpResetWithoutCloseFrame() throws Exception {
        Connection c = Captures.openAndAwait(engine, ConnectionSpec.to(idleDemo().uri("/idle?timeout=300&reset=1")));
        var probe = c.probeIdle(Duration.ofSeconds(20));
        clock.advance(Duration.ofMillis(300));
        IdleProbeResult result = probe.get(25, TimeUnit.SECONDS);
        IdleProbeResult.TcpEnded tcp = assertInstanceOf(IdleProbeResult.TcpEnded.class, result.ending(),
                result.describe());
        assertTrue(tcp.reset(), result.describe());
        assertTrue(result.idle().toMillis() >= 300, result.describe());
        assertTrue(result.describe().startsWith("TCP reset after "), result.describe());
    }

    /**
     * The server pings every 100 ms (real time); its idle timeout (500 ms) and our probe's limit (1500 ms) are on the
     * virtual clock, moved 100 ms per answered ping: the timeout passes three times over while the answers keep the
     * connection, and only the probe's limit ends the probe. Unanswered, the timeout closes it.
     */
    @Test
    void answeredServerPingsKeepTheConnectionUntilTheProbeLimitAndPongOffDoesNot() throws Exception {
        String idleWithPings = "/idle?timeout=500&ping=100";
        Connection answering = Captures.openAndAwait(engine, ConnectionSpec.to(idleDemo().uri(idleWithPings)));
        var probe = answering.probeIdle(Duration.ofMillis(1500));
        for (int answered = 1; answered <= 15; answered++) {
            int n = answered;
            Await.until(() -> outgoingPongs(answering.log()).size() >= n, "server ping " + n + " answered");
            assertFalse(answering.ended(), "answering pings kept it open " + (n - 1) * 100 + " ms");
            clock.advance(Duration.ofMillis(100));
        }
        IdleProbeResult open = probe.get(20, TimeUnit.SECONDS);
        assertInstanceOf(IdleProbeResult.StillOpen.class, open.ending(), open.describe());
        assertTrue(open.pongsSent() > 0, open.describe());
        assertTrue(open.describe().startsWith("still open after the probe limit"), open.describe());
        Captures.closeAndAwait(answering);

        Connection silent = Captures.openAndAwait(engine, ConnectionSpec.to(idleDemo().uri(idleWithPings))
                .withHeartbeat(HeartbeatPolicy.OFF.withPong(PongMode.OFF)));
        var unanswered = silent.probeIdle(Duration.ofSeconds(20));
        clock.advance(Duration.ofMillis(500));
        IdleProbeResult closed = unanswered.get(25, TimeUnit.SECONDS);
        assertInstanceOf(IdleProbeResult.ServerClose.class, closed.ending(), closed.describe());
        assertEquals(0, closed.pongsSent());
    }

    @Test
    void pingStormYieldsOneRoundTripPerPing() throws Exception {
        Connection c = Captures.openAndAwait(engine, ConnectionSpec.to(demo.uri("/echo")));
        var storm = c.pingStorm(40, Duration.ofMillis(2));
        for (int i = 1; i <= 40; i++) {
            clock.advance(i == 1 ? Duration.ZERO : Duration.ofMillis(2));
            int n = i;
            Await.until(() -> heartbeats(c.log(), HeartbeatKind.PONG_RECEIVED).size() >= n, "pong " + n);
        }
        HeartbeatStats stats = storm.get(20, TimeUnit.SECONDS);
        assertEquals(40, stats.count(), stats.describe());
        assertEquals(0, stats.missed());
        List<CaptureEvent.HeartbeatEvent> answered = heartbeats(c.log(), HeartbeatKind.PONG_RECEIVED);
        assertEquals(40, answered.size());
        assertTrue(answered.stream().allMatch(h -> h.rttNanos().isPresent()
                && new String(h.payload(), StandardCharsets.UTF_8).startsWith("fs-storm-1-")));
        assertEquals(40, HeartbeatStats.of(c.log()).count(), "the tab's statistics include the storm");
        Captures.closeAndAwait(c);
    }

    @Test
    void pingStormPingsThatGetNoPongCountAsMissed() throws Exception {
        Connection c = Captures.openAndAwait(engine, ConnectionSpec.to(
                demo.uri("/heartbeat?interval=100000&pongDelay=5000"))
                .withHeartbeat(HeartbeatPolicy.OFF.withPongTimeout(Duration.ofMillis(200))));
        var storm = c.pingStorm(3, Duration.ZERO);
        clock.runDue();
        Await.until(() -> heartbeats(c.log(), HeartbeatKind.PING_SENT).size() == 3, "three pings went out");
        clock.advance(Duration.ofMillis(199));
        assertFalse(storm.isDone(), "the pong timeout has not passed");
        clock.advance(Duration.ofMillis(1));
        HeartbeatStats stats = storm.get(20, TimeUnit.SECONDS);
        assertEquals(0, stats.count());
        assertEquals(3, stats.missed());
        assertEquals(3, heartbeats(c.log(), HeartbeatKind.PONG_MISSED).size());
        assertFalse(c.ended(), "a storm reports; it does not close");
        Captures.closeAndAwait(c);
    }

    @Test
    void pongModesParseTheirCliSpelling() {
        assertEquals(PongMode.AUTO, PongMode.parse("auto"));
        assertEquals(PongMode.OFF, PongMode.parse("OFF"));
        assertEquals(new PongMode.Delayed(Duration.ofMillis(500)), PongMode.parse("delay=500ms"));
        assertEquals(new PongMode.Delayed(Duration.ofMillis(1500)), PongMode.parse("delay=1.5s"));
        assertEquals(new PongMode.CustomPayload("hi there"), PongMode.parse("payload=hi there"));
        assertEquals("delay=500ms", PongMode.parse("delay=500").spelling());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> PongMode.parse("payload=" + "x".repeat(126)));
        assertTrue(tooLong.getMessage().contains("125 bytes, this one is 126"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PongMode.parse("delay=soon"));
        assertThrows(IllegalArgumentException.class, () -> PongMode.parse("sometimes"));
    }

    private static List<CaptureEvent.HeartbeatEvent> heartbeats(CaptureLog log, HeartbeatKind kind) {
        return Captures.events(log, CaptureEvent.HeartbeatEvent.class).stream().filter(h -> h.kind() == kind)
                .toList();
    }

    private static List<CaptureEvent.FrameEvent> frames(CaptureLog log, Direction dir, Opcode opcode) {
        return Captures.frames(log, dir).stream().filter(f -> f.header().opcode() == opcode).toList();
    }

    private static List<String> outgoingPongs(CaptureLog log) {
        return frames(log, Direction.OUT, Opcode.PONG).stream()
                .map(f -> new String(f.payload().bytes(), StandardCharsets.UTF_8)).toList();
    }
}
