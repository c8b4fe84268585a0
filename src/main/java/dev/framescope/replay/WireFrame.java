package dev.framescope.replay;

import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.Opcode;

/**
 * One recorded frame as it crossed the wire, for sending it again as it was: its FIN and RSV bits, opcode and payload
 * (compressed when it was, never masked: a client's frame gets a fresh masking key each time, RFC 6455 §5.3).
 */
public record WireFrame(boolean fin, boolean rsv1, boolean rsv2, boolean rsv3, Opcode opcode, byte[] payload) {

    static WireFrame of(FrameHeader h, byte[] payload) {
        return new WireFrame(h.fin(), h.rsv1(), h.rsv2(), h.rsv3(), h.opcode(), payload);
    }

    /** The same frame with more payload (the next chunk of a large frame). */
    WireFrame plus(byte[] more) {
        byte[] all = new byte[payload.length + more.length];
        System.arraycopy(payload, 0, all, 0, payload.length);
        System.arraycopy(more, 0, all, payload.length, more.length);
        return new WireFrame(fin, rsv1, rsv2, rsv3, opcode, all);
    }

    /** The frame's bytes as a client sends them: masked with a random key. */
    public byte[] clientBytes() {
        return encoder().masked().encode();
    }

    /** The frame's bytes as a server sends them: unmasked. */
    public byte[] serverBytes() {
        return encoder().unmasked().encode();
    }

    private FrameEncoder encoder() {
        return FrameEncoder.frame(opcode).fin(fin).rsv1(rsv1).rsv2(rsv2).rsv3(rsv3).payload(payload);
    }

    @Override
    public String toString() {
        return opcode + (fin ? "" : " (not final)") + (rsv1 ? " RSV1" : "") + " " + payload.length + " B";
    }
}
