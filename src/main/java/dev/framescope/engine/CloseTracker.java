package dev.framescope.engine;

import dev.framescope.capture.CaptureEvent.Initiator;
import dev.framescope.capture.Direction;
import dev.framescope.wire.ClosePayload;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The close handshake of one connection (RFC 6455 §7), from the close frames the tap saw and their stamps: who
 * closed first, what each side said, and — once — the summary to record when the connection ends. Fed nanosecond
 * stamps; reads no clock. Called from the read thread, the write thread and the closing thread: every method holds
 * this object's lock.
 */
final class CloseTracker {

    /**
     * How the connection closed: clean when both close frames crossed (RFC 6455 §7.1.5), then with the time from
     * the first close frame to the end.
     */
    record Summary(Initiator initiator, Optional<ClosePayload> sent, Optional<ClosePayload> received, boolean clean,
                   OptionalLong handshakeNanos) {

        OptionalInt sentCode() {
            return sent.map(ClosePayload::code).orElse(OptionalInt.empty());
        }

        String sentReason() {
            return sent.map(ClosePayload::reason).orElse("");
        }

        OptionalInt receivedCode() {
            return received.map(ClosePayload::code).orElse(OptionalInt.empty());
        }

        String receivedReason() {
            return received.map(ClosePayload::reason).orElse("");
        }
    }

    private Optional<ClosePayload> sent = Optional.empty();
    private Optional<ClosePayload> received = Optional.empty();
    private Optional<Initiator> initiator = Optional.empty();
    private long firstCloseNanos;
    private boolean summarised;

    /** A close frame crossed the connection at {@code nanos}. */
    synchronized void closeFrame(Direction dir, byte[] payload, long nanos) {
        ClosePayload close = ClosePayload.parse(payload);
        if (initiator.isEmpty()) {
            initiator = Optional.of(dir == Direction.OUT ? Initiator.CLIENT : Initiator.SERVER);
            firstCloseNanos = nanos;
        }
        if (dir == Direction.OUT) {
            sent = Optional.of(close);
        } else {
            received = Optional.of(close);
        }
    }

    /** We sent our close frame and still wait for the server's (RFC 6455 §7.1.1). */
    synchronized boolean awaitingServerClose() {
        return sent.isPresent() && received.isEmpty();
    }

    /** The server closed first and our reply may still be on its way out: the socket's close ends it then. */
    synchronized boolean replyPending() {
        return received.isPresent() && sent.isEmpty();
    }

    /** The summary at {@code nanos}, the first time only; empty after. */
    synchronized Optional<Summary> summarise(long nanos) {
        if (summarised) {
            return Optional.empty();
        }
        summarised = true;
        boolean clean = sent.isPresent() && received.isPresent();
        return Optional.of(new Summary(initiator.orElse(Initiator.NONE), sent, received, clean,
                clean ? OptionalLong.of(nanos - firstCloseNanos) : OptionalLong.empty()));
    }
}
