package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent.HeartbeatKind;
import dev.framescope.capture.Direction;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Pings and pongs matched by payload (RFC 6455 §5.5.3), fed stamps directly: no connection, no clock. */
class HeartbeatTrackerTest {

    private final HeartbeatTracker tracker = new HeartbeatTracker();
    private static final PingPayload A = PingPayload.utf8("fs-hb-1");
    private static final PingPayload B = PingPayload.utf8("fs-hb-2");

    @Test
    void ourPingsPongIsMatchedByPayloadWithItsRoundTrip() {
        assertEquals(HeartbeatKind.PING_SENT, tracker.ping(Direction.OUT, A, 1_000).kind());
        tracker.ping(Direction.OUT, B, 2_000);
        HeartbeatTracker.Seen pong = tracker.pong(Direction.IN, PingPayload.of(B.bytes()), 2_500);
        assertEquals(HeartbeatKind.PONG_RECEIVED, pong.kind());
        assertEquals(OptionalLong.of(500), pong.rttNanos());
        assertTrue(tracker.awaitingPong(A));
        assertFalse(tracker.awaitingPong(B));
    }

    @Test
    void aPongNobodyAskedForIsUnsolicitedAndSoIsOneAfterItsPingWasMissed() {
        assertEquals(HeartbeatKind.UNSOLICITED_PONG, tracker.pong(Direction.IN, A, 10).kind());
        tracker.ping(Direction.OUT, A, 100);
        assertTrue(tracker.missed(A).wasWaiting());
        assertFalse(tracker.missed(A).wasWaiting(), "missed once only");
        HeartbeatTracker.Seen late = tracker.pong(Direction.IN, A, 9_000);
        assertEquals(HeartbeatKind.UNSOLICITED_PONG, late.kind());
        assertEquals(OptionalLong.empty(), late.rttNanos());
    }

    @Test
    void ourAnswerToAServerPingCarriesItsAnswerTimeEvenWithAnotherPayload() {
        assertEquals(HeartbeatKind.SERVER_PING, tracker.ping(Direction.IN, A, 1_000).kind());
        HeartbeatTracker.Seen echo = tracker.pong(Direction.OUT, A, 1_200);
        assertEquals(HeartbeatKind.PONG_SENT, echo.kind());
        assertEquals(OptionalLong.of(200), echo.rttNanos());

        tracker.ping(Direction.IN, B, 2_000);
        PingPayload custom = PingPayload.utf8("not-your-ping");
        tracker.answering(B, custom);
        assertEquals(OptionalLong.of(300), tracker.pong(Direction.OUT, custom, 2_300).rttNanos());
        assertEquals(OptionalLong.empty(), tracker.pong(Direction.OUT, custom, 2_400).rttNanos(), "matched once");
    }

    @Test
    void waitersLearnTheRoundTripOrThatItWillNotCome() {
        CompletableFuture<OptionalLong> answered = tracker.roundTrip(A);
        CompletableFuture<OptionalLong> missed = tracker.roundTrip(B);
        CompletableFuture<OptionalLong> abandoned = tracker.roundTrip(PingPayload.utf8("x"));
        tracker.ping(Direction.OUT, A, 0);
        tracker.ping(Direction.OUT, B, 0);
        HeartbeatTracker.Seen pong = tracker.pong(Direction.IN, A, 70);
        assertFalse(answered.isDone(), "settled by the caller, after it recorded the pong");
        pong.settle();
        assertEquals(OptionalLong.of(70), answered.join());
        tracker.missed(B).settle();
        assertEquals(OptionalLong.empty(), missed.join());
        tracker.abandonWaiters().forEach(w -> w.complete(OptionalLong.empty()));
        assertEquals(OptionalLong.empty(), abandoned.join());
    }

    @Test
    void rfc6455_5_5_3_aPongMatchingNoneOfOurWaitingPingsIsAMismatch() {
        tracker.ping(Direction.OUT, A, 100);
        HeartbeatTracker.Seen wrong = tracker.pong(Direction.IN, PingPayload.utf8("zzz"), 200);
        assertEquals(HeartbeatKind.UNSOLICITED_PONG, wrong.kind());
        assertTrue(wrong.mismatch().orElseThrow().contains("\"fs-hb-1\""), wrong.mismatch().toString());
        assertTrue(tracker.awaitingPong(A), "the ping still waits for its own pong");
    }

    @Test
    void unsolicitedPongsWithNothingWaitingOrAfterAMissAreLegal() {
        assertTrue(tracker.pong(Direction.IN, PingPayload.utf8("beat"), 10).mismatch().isEmpty(),
                "a one-way heartbeat (§5.5.3)");
        tracker.ping(Direction.OUT, A, 100);
        tracker.missed(A);
        tracker.ping(Direction.OUT, B, 200);
        assertTrue(tracker.pong(Direction.IN, A, 300).mismatch().isEmpty(), "the late pong of a missed ping");
        assertTrue(tracker.pong(Direction.IN, B, 400).mismatch().isEmpty());
    }

    @Test
    void pingsStillWaitingAtTheEndAreReportedOldestFirstWithTheirAge() {
        tracker.ping(Direction.OUT, A, 1_000);
        tracker.ping(Direction.IN, PingPayload.utf8("srv"), 1_500);
        tracker.ping(Direction.OUT, B, 2_000);
        tracker.pong(Direction.IN, A, 2_500);
        var left = tracker.unanswered(5_000);
        assertEquals(2, left.size());
        assertEquals(new HeartbeatTracker.Unanswered(Direction.IN, PingPayload.utf8("srv"), 3_500), left.get(0));
        assertEquals(new HeartbeatTracker.Unanswered(Direction.OUT, B, 3_000), left.get(1));
        assertEquals(List.of(), tracker.unanswered(6_000), "reported once");
    }
}
