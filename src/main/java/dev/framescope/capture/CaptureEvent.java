package dev.framescope.capture;

import dev.framescope.wire.ClosePayload;
import dev.framescope.wire.Finding;
import dev.framescope.wire.Frame;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.Message;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Severity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Everything a connection's log records. Immutable; payload bytes may live in a spill file ({@link Payload}). */
public sealed interface CaptureEvent {

    Stamp stamp();

    default long seq() {
        return stamp().seq();
    }

    default long nanos() {
        return stamp().nanos();
    }

    /** Findings this event carries (frames, messages, handshakes, violations); empty for most others. */
    default List<Finding> findings() {
        return List.of();
    }

    record StateEvent(Stamp stamp, ConnectionState state, String detail) implements CaptureEvent {
    }

    enum Phase { DNS, TCP, TLS, UPGRADE }

    record TimingEvent(Stamp stamp, Phase phase, long durationNanos, String detail) implements CaptureEvent {
    }

    record TlsEvent(Stamp stamp, String protocol, String cipherSuite, List<String> peerChain, boolean verified,
                    boolean insecureOverride) implements CaptureEvent {
        public TlsEvent {
            peerChain = List.copyOf(peerChain);
        }
    }

    /**
     * The opening handshake as it crossed the wire, with the Accept check.
     *
     * @param status 0 when no response head arrived
     */
    record HandshakeEvent(Stamp stamp, byte[] rawRequest, byte[] rawResponse, byte[] responseBody, int status,
                          String expectedAccept, Optional<String> receivedAccept, Optional<String> subprotocol,
                          String offeredExtensions, String acceptedExtensions, List<Finding> findings)
            implements CaptureEvent {
        public HandshakeEvent {
            findings = List.copyOf(findings);
        }

        public boolean acceptOk() {
            return receivedAccept.map(expectedAccept::equals).orElse(false);
        }
    }

    record NegotiationEvent(Stamp stamp, String offered, String accepted, List<String> effects,
                            List<Finding> findings) implements CaptureEvent {
        public NegotiationEvent {
            effects = List.copyOf(effects);
            findings = List.copyOf(findings);
        }
    }

    /**
     * A frame (or chunk of a large frame) in one direction.
     *
     * @param messageOpcode TEXT or BINARY when the frame carries part of a data message
     * @param inflated      what its compressed payload inflated to
     */
    record FrameEvent(Stamp stamp, Direction dir, FrameHeader header, long chunkOffset, boolean lastChunk,
                      Payload payload, Optional<Opcode> messageOpcode, Optional<Payload> inflated,
                      List<Finding> findings) implements CaptureEvent {
        public FrameEvent {
            Objects.requireNonNull(header, "header");
            findings = List.copyOf(findings);
        }

        public Frame frame() {
            return new Frame(header, chunkOffset, payload.bytes(), lastChunk, findings);
        }

        public boolean carriesText() {
            return messageOpcode.filter(op -> op == Opcode.TEXT).isPresent();
        }

        public boolean isFirstChunk() {
            return chunkOffset == 0;
        }

        /** The close frame's status and reason, for a whole close frame. */
        public Optional<ClosePayload> close() {
            return header.opcode() == Opcode.CLOSE && chunkOffset == 0 && lastChunk
                    ? Optional.of(ClosePayload.parse(payload.bytes())) : Optional.empty();
        }
    }

    /**
     * A reassembled message. Its bytes live in the log's payload store (a one-frame message shares its frame's),
     * so the memory budget covers them too.
     */
    record MessageEvent(Stamp stamp, Direction dir, Message header, Payload payload) implements CaptureEvent {

        public MessageEvent(Stamp stamp, Direction dir, Message message) {
            this(stamp, dir, message, Payload.of(message.payload()));
        }

        public MessageEvent {
            header = header.withoutPayload();
        }

        /** The message with its bytes (read back from the spill file when they were spilled). */
        public Message message() {
            return header.withPayload(payload.bytes());
        }

        @Override
        public List<Finding> findings() {
            return header.findings();
        }
    }

    /**
     * What a heartbeat event records. The last two are written when the connection ends, one per ping still
     * waiting for its pong then: ours ({@code PING_UNANSWERED}) or the server's ({@code SERVER_PING_UNANSWERED}).
     */
    enum HeartbeatKind {
        PING_SENT, PONG_RECEIVED, PONG_MISSED, SERVER_PING, PONG_SENT, UNSOLICITED_PONG, PING_UNANSWERED,
        SERVER_PING_UNANSWERED;

        /** A ping left unanswered when the connection ended. */
        public boolean unanswered() {
            return this == PING_UNANSWERED || this == SERVER_PING_UNANSWERED;
        }
    }

    /**
     * @param rttNanos ping→pong round trip (ours), or server ping→our pong answer time; for a ping
     *                 {@linkplain HeartbeatKind#unanswered() unanswered} at the end, how long it had waited
     */
    record HeartbeatEvent(Stamp stamp, HeartbeatKind kind, byte[] payload, OptionalLong rttNanos)
            implements CaptureEvent {
    }

    /** A stream-level finding not carried by one frame (truncation, abnormal closure, library disagreement). */
    record ViolationEvent(Stamp stamp, Direction dir, Finding finding) implements CaptureEvent {
        @Override
        public List<Finding> findings() {
            return List.of(finding);
        }
    }

    enum Initiator { CLIENT, SERVER, NONE }

    /** @param initiator who sent the first close frame; NONE when TCP ended without one */
    record CloseEvent(Stamp stamp, Initiator initiator, OptionalInt sentCode, String sentReason,
                      OptionalInt receivedCode, String receivedReason, boolean clean, OptionalLong handshakeNanos)
            implements CaptureEvent {
    }

    record NoteEvent(Stamp stamp, Severity level, String text) implements CaptureEvent {
    }

    /** What the intercepting proxy did to a message on its way (docs/proxy.md). */
    enum RelayMark {
        /** Written by the proxy in place of a held message (the user's edit): what the receiver got. */
        EDITED,
        /** Written by the proxy on its own (an injection): what the receiver got, sent by neither peer. */
        INJECTED,
        /** As its sender sent it, held at a breakpoint and replaced by an edit: the receiver never got it. */
        REPLACED,
        /** As its sender sent it, dropped at a breakpoint (or by a close from the hold): never forwarded. */
        DROPPED,
        /**
         * Written by the proxy on its own in place of a compressed message it could not forward as sent (after an
         * edit or a drop the receiver's inflater no longer follows the sender's compressor): the same data,
         * uncompressed; what the receiver got.
         */
        RESENT,
        /** As its sender sent it, compressed, and forwarded as {@link #RESENT} instead: the receiver got its data. */
        REFRAMED
    }

    /**
     * Marks frame and message events of this log with what the proxy did to them. Frames the proxy wrote itself
     * (edits, injections) are frame and message events of their own, in their sender's direction, appended when
     * written; an original keeps its events as it arrived and is marked afterwards.
     *
     * @param marked      sequence numbers of the events marked: a message's frames, then the message
     * @param counterpart the other side of an edit or a re-send (the original's events for EDITED and RESENT, the
     *                    written ones' for REPLACED and REFRAMED); empty otherwise
     */
    record RelayEvent(Stamp stamp, Direction dir, RelayMark mark, List<Long> marked, List<Long> counterpart)
            implements CaptureEvent {
        public RelayEvent {
            Objects.requireNonNull(mark, "mark");
            marked = List.copyOf(marked);
            counterpart = List.copyOf(counterpart);
        }

        /** Whether the events marked crossed to the receiver: false for an original that was replaced or dropped. */
        public boolean forwarded() {
            return mark == RelayMark.EDITED || mark == RelayMark.INJECTED || mark == RelayMark.RESENT;
        }
    }
}
