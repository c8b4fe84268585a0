package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.engine.Engine;
import dev.framescope.engine.VirtualScheduler;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.SessionText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capture --pong / --idle-probe / --ping-storm} against the built-in demo endpoint. The command's engine — our
 * pings, the storm's pacing, the probe's limit and {@code --duration} — and the demo's idle timeout run on a virtual
 * clock the tests advance while the command runs on a thread of its own; the demo's pings take real time.
 */
class CaptureHeartbeatLabTest {

    @TempDir
    Path dir;

    private final VirtualScheduler clock = new VirtualScheduler();
    private final Cli cli = new Cli(Engine.Factory.on(clock));

    @Test
    void idleProbeEndsTheCaptureWithTheServersCloseAndHowLongItTook() throws Exception {
        Path session = dir.resolve("idle.fscap");
        CompletableFuture<Integer> capture = cli.start("capture", "demo:/idle?timeout=400", "--ping-interval",
                "100ms", "--idle-probe=20s", "--out", session.toString());
        awaitOutput("info: idle probe: our pings stop for up to 20.0 s");
        // The heartbeat's ticks fall due meanwhile and must send nothing; the built-in demo measures its idle
        // timeout on the same clock, so it closes now however slow the machine.
        clock.advance(Duration.ofMillis(400));
        assertEquals(0, exit(capture));
        String text = cli.out();
        assertTrue(text.matches("(?s).*info: idle probe: idle for \\d+\\.\\d s, then server sent close 1001 "
                + "'idle timeout'.*"), text);
        assertFalse(text.contains("♥ ping sent"), "the probe silenced our heartbeat\n" + text);
        assertTrue(SessionText.v1(session).contains("then server sent close 1001 'idle timeout'"),
                "the result is in the session file");
    }

    @Test
    void pingStormReportsEveryRoundTripThenEnds() throws Exception {
        CompletableFuture<Integer> capture = cli.start("capture", "demo:/echo", "--ping-storm", "25@2ms", "--out",
                dir.resolve("storm.fscap").toString());
        // The storm starts when the command sees the open; its pongs' timeouts (5 s) stay far off meanwhile.
        clock.advanceUntil(Duration.ofMillis(2), () -> cli.out().contains("info: ping storm done"), "the storm done");
        assertEquals(0, exit(capture));
        String text = cli.out();
        assertTrue(text.contains("info: ping storm done: 25 pongs: min"), text);
        assertTrue(text.contains("heartbeat:   25 pongs"), text);
    }

    @Test
    void customPongPayloadAnswersTheServersPings() throws Exception {
        CompletableFuture<Integer> capture = cli.start("capture", "demo:/heartbeat?interval=50", "--pong",
                "payload=not-yours", "--duration", "400ms", "--out", dir.resolve("pong.fscap").toString());
        // Two answers: the command has seen the open between them, so the duration runs.
        Await.until(() -> cli.out().split("♥ pong sent", -1).length > 2, "two server pings answered");
        clock.advance(Duration.ofMillis(400));
        assertEquals(0, exit(capture));
        String text = cli.out();
        assertTrue(text.contains("♥ server ping"), text);
        assertTrue(text.matches("(?s).*♥ pong sent \\d+\\.\\d\\d ms \"not-yours\".*"), text);
        assertFalse(text.matches("(?s).*♥ pong sent[^\\n]*\"server-ping-.*"), "never the ping's own payload");
    }

    @Test
    void badLabOptionsAreNamed() {
        assertEquals(2, cli.run("capture", "demo:/echo", "--pong", "sometimes"));
        assertTrue(cli.err().contains("a pong mode is auto, off, delay=500ms or payload=TEXT, not 'sometimes'"),
                cli.err());
        assertEquals(2, cli.run("capture", "demo:/echo", "--ping-storm", "100"));
        assertTrue(cli.err().contains("a ping storm is N@INTERVAL (e.g. 100@10ms), not '100'"), cli.err());
    }

    private void awaitOutput(String line) {
        Await.until(() -> cli.out().contains(line), "'" + line + "' in\n" + cli.out());
    }

    private int exit(CompletableFuture<Integer> capture) throws Exception {
        return capture.get(20, TimeUnit.SECONDS);
    }
}
