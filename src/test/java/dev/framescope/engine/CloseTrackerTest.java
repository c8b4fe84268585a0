package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent.Initiator;
import dev.framescope.capture.Direction;
import dev.framescope.wire.FrameEncoder;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The close handshake (RFC 6455 §7) from close frames and their stamps. */
class CloseTrackerTest {

    private final CloseTracker tracker = new CloseTracker();

    private static byte[] closePayload(int code, String reason) {
        byte[] frame = FrameEncoder.close(code, reason).encode();
        return Arrays.copyOfRange(frame, 2, frame.length);
    }

    @Test
    void bothCloseFramesMakeACleanCloseTimedFromTheFirst() {
        tracker.closeFrame(Direction.OUT, closePayload(1000, "bye"), 1_000);
        assertTrue(tracker.awaitingServerClose());
        tracker.closeFrame(Direction.IN, closePayload(1000, "ok"), 1_400);
        assertFalse(tracker.awaitingServerClose());
        CloseTracker.Summary s = tracker.summarise(1_500).orElseThrow();
        assertEquals(Initiator.CLIENT, s.initiator());
        assertTrue(s.clean());
        assertEquals(OptionalLong.of(500), s.handshakeNanos());
        assertEquals(OptionalInt.of(1000), s.sentCode());
        assertEquals("ok", s.receivedReason());
        assertEquals(Optional.empty(), tracker.summarise(2_000), "summarised once");
    }

    @Test
    void aServerCloseWithoutOurReplyIsNotCleanAndWaitsForTheReply() {
        tracker.closeFrame(Direction.IN, closePayload(1001, "going"), 10);
        assertTrue(tracker.replyPending());
        CloseTracker.Summary s = tracker.summarise(20).orElseThrow();
        assertEquals(Initiator.SERVER, s.initiator());
        assertFalse(s.clean());
        assertEquals(OptionalLong.empty(), s.handshakeNanos());
        assertEquals(OptionalInt.empty(), s.sentCode());
    }

    @Test
    void noCloseFrameAtAllHasNoInitiator() {
        CloseTracker.Summary s = tracker.summarise(5).orElseThrow();
        assertEquals(Initiator.NONE, s.initiator());
        assertFalse(s.clean());
    }
}
