package dev.framescope.proxy;

import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.Message;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A message a breakpoint holds: what it is (its frames as they arrived, its bytes unmasked and inflated) and what
 * the user may do with it. Each action ends the hold once — a second one, or one after the timeout, does nothing
 * and returns false — and writes to a socket, so call them off the UI thread.
 */
public final class HeldMessage {

    /** How the hold ended. */
    public enum Outcome { HELD, FORWARDED, EDITED, DROPPED, TIMED_OUT, CLOSED, GONE }

    private final DirectionGate gate;
    private final long id;
    private final Message message;
    private final List<FrameHeader> frames;
    private final List<byte[]> raw;
    private final BreakRule rule;
    private final AtomicReference<Outcome> outcome = new AtomicReference<>(Outcome.HELD);

    HeldMessage(DirectionGate gate, long id, Message message, List<FrameHeader> frames, List<byte[]> raw,
            BreakRule rule) {
        this.gate = gate;
        this.id = id;
        this.message = message;
        this.frames = List.copyOf(frames);
        this.raw = List.copyOf(raw);
        this.rule = rule;
    }

    public long id() {
        return id;
    }

    /** Who sent it: the app (toward the server) or the server (toward the app). */
    public Sender sender() {
        return message.sender();
    }

    public Opcode opcode() {
        return message.opcode();
    }

    /** Its bytes, unmasked and inflated (a control frame's payload for a held control frame). */
    public byte[] payload() {
        return message.payload().clone();
    }

    public boolean compressed() {
        return message.compressed();
    }

    /** Its frames' headers as they arrived (masking keys, RSV1, lengths, stream offsets). */
    public List<FrameHeader> frames() {
        return frames;
    }

    public BreakRule rule() {
        return rule;
    }

    /** The connection's URL and the app's address, as the connections list names it. */
    public String connection() {
        return gate.connection().label();
    }

    public Interception interception() {
        return gate.connection();
    }

    public Outcome outcome() {
        return outcome.get();
    }

    /** Sends it on as it arrived, frames and masks unchanged. */
    public boolean forward() {
        return gate.release(this, Outcome.FORWARDED, new byte[0]);
    }

    /** Sends {@code replacement} instead, re-framed (see {@link Reframer}). */
    public boolean edit(byte[] replacement) {
        return gate.release(this, Outcome.EDITED, replacement.clone());
    }

    /** Never sends it; what queued behind it goes on. */
    public boolean drop() {
        return gate.release(this, Outcome.DROPPED, new byte[0]);
    }

    /** Ends the connection: a close frame with {@code code} and {@code reason} to both peers, the message dropped. */
    public boolean closeConnection(int code, String reason) {
        if (outcome.get() != Outcome.HELD) {
            return false;
        }
        gate.connection().close(code, reason);
        return true;
    }

    /** Marks the hold ended; false when it already was. */
    boolean settle(Outcome how) {
        return outcome.compareAndSet(Outcome.HELD, how);
    }

    Message message() {
        return message;
    }

    List<byte[]> raw() {
        return raw;
    }

    /** "the app's text message (23 bytes)" for notes. */
    String describe() {
        return (sender() == Sender.CLIENT ? "the app's " : "the server's ") + kind(opcode()) + " ("
                + message.length() + " bytes" + (frames.size() > 1 ? ", " + frames.size() + " frames" : "")
                + (compressed() ? ", compressed" : "") + ")";
    }

    static String kind(Opcode op) {
        return switch (op) {
            case TEXT -> "text message";
            case BINARY -> "binary message";
            case PING -> "ping";
            case PONG -> "pong";
            case CLOSE -> "close frame";
            default -> "frame with opcode " + op.code();
        };
    }
}
