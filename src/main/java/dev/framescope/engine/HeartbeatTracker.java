package dev.framescope.engine;

import dev.framescope.capture.CaptureEvent.HeartbeatKind;
import dev.framescope.capture.Direction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Pings and pongs matched by payload (RFC 6455 §5.5.3), both ways, from the times the tap saw them cross: what each
 * control frame is ({@link HeartbeatKind}) and the round trip or answer time it closes. Fed nanosecond stamps; reads
 * no clock and starts no thread. Called from the read thread, the write thread and the timer at once: every method
 * holds this object's lock, and futures are completed by the caller, outside it ({@link Seen#settle}).
 */
final class HeartbeatTracker {

    /**
     * What one ping or pong was, and whom to tell: settle after recording the event, so the log reads in order.
     *
     * @param mismatch for a pong from the server that answers none of our outstanding pings: why it is
     *                 {@code PONG_PAYLOAD_MISMATCH}
     */
    record Seen(HeartbeatKind kind, OptionalLong rttNanos, Optional<CompletableFuture<OptionalLong>> waiter,
                Optional<String> mismatch) {
        Seen(HeartbeatKind kind, OptionalLong rttNanos, Optional<CompletableFuture<OptionalLong>> waiter) {
            this(kind, rttNanos, waiter, Optional.empty());
        }

        void settle() {
            waiter.ifPresent(w -> w.complete(rttNanos));
        }
    }

    /** A ping nobody answered before the connection ended: whose ({@code OUT} ours), its data, how long it waited. */
    record Unanswered(Direction dir, PingPayload payload, long ageNanos) {
    }

    /** Payloads of our pings whose pong timed out, newest last: a late pong to one of them is no mismatch. */
    private static final int MISSED_REMEMBERED = 64;
    private final Set<PingPayload> missedPings = new LinkedHashSet<>();

    /** Our pings still waiting for the server's pong: when each left. */
    private final Map<PingPayload, Long> ourPings = new HashMap<>();
    /** Who waits for the round trip of our ping with a payload (a ping storm); registered before the ping leaves. */
    private final Map<PingPayload, CompletableFuture<OptionalLong>> waiters = new HashMap<>();
    /** The server's pings not answered yet, by payload: when each came (a repeated payload keeps the latest). */
    private final Map<PingPayload, Long> serverPings = new HashMap<>();
    /** Server pings we answer with another payload (pong mode "custom payload"), by that payload, oldest first. */
    private final Map<PingPayload, Queue<Long>> rewrittenAnswers = new HashMap<>();

    /** A ping crossed the connection ({@code dir} OUT: ours; IN: the server's). */
    synchronized Seen ping(Direction dir, PingPayload payload, long nanos) {
        (dir == Direction.OUT ? ourPings : serverPings).put(payload, nanos);
        return new Seen(dir == Direction.OUT ? HeartbeatKind.PING_SENT : HeartbeatKind.SERVER_PING,
                OptionalLong.empty(), Optional.empty());
    }

    /** A pong crossed the connection: matched to the ping it answers, if any is waiting. */
    synchronized Seen pong(Direction dir, PingPayload payload, long nanos) {
        if (dir == Direction.IN) {
            Long pinged = ourPings.remove(payload);
            if (pinged == null) {
                return new Seen(HeartbeatKind.UNSOLICITED_PONG, OptionalLong.empty(), Optional.empty(),
                        mismatch(payload));
            }
            OptionalLong rtt = OptionalLong.of(nanos - pinged);
            return new Seen(HeartbeatKind.PONG_RECEIVED, rtt, Optional.ofNullable(waiters.remove(payload)));
        }
        Long pinged = serverPings.remove(payload);
        if (pinged == null) {
            pinged = Optional.ofNullable(rewrittenAnswers.get(payload)).map(Queue::poll).orElse(null);
        }
        return new Seen(HeartbeatKind.PONG_SENT, pinged == null ? OptionalLong.empty() : OptionalLong.of(nanos - pinged),
                Optional.empty());
    }

    /**
     * RFC 6455 §5.5.3: a pong answering a ping carries that ping's data. An unsolicited pong is legal (a one-way
     * heartbeat), so only one that arrives while our pings wait, matching none of them nor a ping whose pong we
     * stopped waiting for, is flagged: most likely the answer to one of them with the wrong data.
     */
    private Optional<String> mismatch(PingPayload pong) {
        if (ourPings.isEmpty() || missedPings.contains(pong)) {
            return Optional.empty();
        }
        String waiting = ourPings.keySet().stream().limit(3).map(p -> "\"" + p + "\"").collect(Collectors.joining(", "));
        return Optional.of("pong \"" + pong + "\" while " + ourPings.size() + " ping(s) of ours wait for theirs ("
                + waiting + (ourPings.size() > 3 ? ", …" : "") + ")");
    }

    /**
     * The connection ended: the pings still waiting for an answer, ours and the server's, oldest first, with how
     * long each waited until {@code nanos}. They are forgotten.
     */
    synchronized List<Unanswered> unanswered(long nanos) {
        List<Unanswered> all = new ArrayList<>();
        ourPings.forEach((p, at) -> all.add(new Unanswered(Direction.OUT, p, nanos - at)));
        serverPings.forEach((p, at) -> all.add(new Unanswered(Direction.IN, p, nanos - at)));
        all.sort(Comparator.comparingLong(Unanswered::ageNanos).reversed());
        ourPings.clear();
        serverPings.clear();
        return all;
    }

    /** Whether our ping with this payload is still waiting for its pong. */
    synchronized boolean awaitingPong(PingPayload payload) {
        return ourPings.containsKey(payload);
    }

    /** What a missed pong meant: whether our ping was still waiting (then record it), and whom to tell. */
    record Missed(boolean wasWaiting, Optional<CompletableFuture<OptionalLong>> waiter) {
        void settle() {
            waiter.ifPresent(w -> w.complete(OptionalLong.empty()));
        }
    }

    /** Our ping's pong timed out: a late pong counts as unsolicited, and its waiter learns of no round trip. */
    synchronized Missed missed(PingPayload payload) {
        boolean wasWaiting = ourPings.remove(payload) != null;
        if (wasWaiting) {
            missedPings.remove(payload);
            missedPings.add(payload);
            if (missedPings.size() > MISSED_REMEMBERED) {
                missedPings.remove(missedPings.iterator().next());
            }
        }
        return new Missed(wasWaiting, Optional.ofNullable(waiters.remove(payload)));
    }

    /** Completes with the round trip of our ping with this payload, or empty if missed; register before sending. */
    synchronized CompletableFuture<OptionalLong> roundTrip(PingPayload payload) {
        return waiters.computeIfAbsent(payload, k -> new CompletableFuture<>());
    }

    /**
     * The server's ping with {@code ping} is about to be answered with {@code pong} instead of its own data: the
     * pong leaving the tap is then matched to that ping, so its answer time is still recorded.
     */
    synchronized void answering(PingPayload ping, PingPayload pong) {
        Long pinged = serverPings.remove(ping);
        if (pinged != null) {
            rewrittenAnswers.computeIfAbsent(pong, k -> new ArrayDeque<>()).add(pinged);
        }
    }

    /** The connection is over: everyone waiting for a round trip learns it will not come. Complete them after. */
    synchronized List<CompletableFuture<OptionalLong>> abandonWaiters() {
        List<CompletableFuture<OptionalLong>> all = List.copyOf(waiters.values());
        waiters.clear();
        return all;
    }
}
