package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.ConnectionState;
import dev.framescope.capture.Direction;
import dev.framescope.demo.ChaosScript;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.SharedDemo;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo's /chaos in both modes: Observe records every violation and watches on — the ordinary messages after
 * them, the server's ping answered — until we close; Strict ends at the first violation with its rule's code.
 */
class ChaosModesTest {

    private static ConnectionSpec chaos(ProtocolMode mode) {
        return ConnectionSpec.to(SharedDemo.server().uri("/chaos")).withMode(mode);
    }

    @Test
    void observeModeRecordsEveryViolationSeesWhatFollowsAnswersThePingAndStaysOpen() throws Exception {
        Connection c = Captures.openAndAwait(chaos(ProtocolMode.OBSERVE));
        Await.until(() -> Captures.texts(c.log(), Direction.IN).containsAll(ChaosScript.AFTERWARDS),
                "the ordinary messages after the violations");
        Await.until(() -> pongs(c).contains(ChaosScript.PING), "our pong to the server's ping");
        List<Violation> seen = Captures.violations(c.log());
        for (ChaosScript.Step step : ChaosScript.steps()) {
            assertTrue(seen.contains(step.violation()), step.violation() + " missing: " + seen);
        }
        int frames = ChaosScript.frames().size();
        assertTrue(Captures.frames(c.log(), Direction.IN).size() >= frames, "every frame of the script captured");
        assertEquals(ConnectionState.OPEN, c.state(), "still open: nothing the server sent ends Observe mode");
        assertFalse(c.ended());
        Captures.closeAndAwait(c);
        CaptureEvent.CloseEvent close = Captures.events(c.log(), CaptureEvent.CloseEvent.class).get(0);
        assertEquals(CaptureEvent.Initiator.CLIENT, close.initiator());
        assertEquals(1000, close.sentCode().getAsInt(), "we closed it, normally");
        assertTrue(close.clean(), close.toString());
    }

    @Test
    void strictModeEndsAtTheFirstViolationWithItsCodeAndAReasonInWords() throws Exception {
        // Not openAndAwait: /chaos breaks its first rule at once, so the connection may already be closed when
        // the test looks; that it opened shows in the 101 it recorded.
        Connection c = Captures.open(chaos(ProtocolMode.STRICT));
        assertTrue(c.awaitEnded(Duration.ofSeconds(10)), Captures.dump(c.log()));
        assertEquals(101, Captures.events(c.log(), CaptureEvent.HandshakeEvent.class).get(0).status(),
                Captures.dump(c.log()));
        CaptureEvent.CloseEvent close = Captures.events(c.log(), CaptureEvent.CloseEvent.class).get(0);
        assertEquals(CaptureEvent.Initiator.CLIENT, close.initiator());
        assertEquals(1002, close.sentCode().getAsInt(), "MASKED_SERVER_FRAME is a protocol error");
        assertEquals("masked frame from the server: masking key 11223344", close.sentReason());
        assertFalse(pongs(c).contains(ChaosScript.PING), "a failed connection answers no more pings");
        // Our close is numbered after every server frame that arrived before it (in the same read, say).
        List<CaptureEvent.FrameEvent> frames = Captures.events(c.log(), CaptureEvent.FrameEvent.class);
        int ours = frames.indexOf(frames.stream().filter(f -> f.dir() == Direction.OUT
                && f.header().opcode() == Opcode.CLOSE).findFirst().orElseThrow());
        long sentAt = frames.get(ours).stamp().nanos();
        assertTrue(frames.subList(ours, frames.size()).stream().filter(f -> f.dir() == Direction.IN)
                .allMatch(f -> f.stamp().nanos() >= sentAt), "no server frame received before our close is "
                + "numbered after it:\n" + Captures.dump(c.log()));
    }

    private static List<String> pongs(Connection c) {
        return Captures.frames(c.log(), Direction.OUT).stream().filter(f -> f.header().opcode() == Opcode.PONG)
                .map(f -> new String(f.payload().bytes(), StandardCharsets.UTF_8)).toList();
    }
}
