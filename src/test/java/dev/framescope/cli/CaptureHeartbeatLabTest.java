package dev.framescope.cli;

import dev.framescope.testutil.SessionText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code capture --pong / --idle-probe / --ping-storm} against the built-in demo endpoint. */
class CaptureHeartbeatLabTest {

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    @Test
    void idleProbeEndsTheCaptureWithTheServersCloseAndHowLongItTook() throws Exception {
        Path session = dir.resolve("idle.fscap");
        assertEquals(0, cli.run("capture", "demo:/idle?timeout=400", "--ping-interval", "100ms", "--idle-probe=20s",
                "--out", session.toString()));
        String text = cli.out();
        assertTrue(text.contains("info: idle probe: our pings stop for up to 20.0 s"), text);
        assertTrue(text.matches("(?s).*info: idle probe: idle for \\d+\\.\\d s, then server sent close 1001 "
                + "'idle timeout'.*"), text);
        assertTrue(SessionText.v1(session).contains("then server sent close 1001 'idle timeout'"),
                "the result is in the session file");
    }

    @Test
    void pingStormReportsEveryRoundTripThenEnds() {
        assertEquals(0, cli.run("capture", "demo:/echo", "--ping-storm", "25@2ms", "--out",
                dir.resolve("storm.fscap").toString()));
        String text = cli.out();
        assertTrue(text.contains("info: ping storm done: 25 pongs: min"), text);
        assertTrue(text.contains("heartbeat:   25 pongs"), text);
    }

    @Test
    void customPongPayloadAnswersTheServersPings() {
        assertEquals(0, cli.run("capture", "demo:/heartbeat?interval=50", "--pong", "payload=not-yours",
                "--duration", "400ms", "--out", dir.resolve("pong.fscap").toString()));
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
}
