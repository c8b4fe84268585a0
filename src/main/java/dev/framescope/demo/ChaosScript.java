package dev.framescope.demo;

import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.LengthEncoding;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Violation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The /chaos scenario: protocol violations a server could commit, each written as raw bytes and announced by a legal
 * text frame naming it; after the last one the server carries on as if nothing happened — ordinary messages and a
 * ping — and waits for the client to close, so a client that observes on (Framescope's Observe mode) has more to
 * see. The violations that involve the server's own close frame would end the conversation, so they are a scenario
 * of their own, /chaos-close. Data, not code, so tests and documentation list the same steps the server sends.
 */
public final class ChaosScript {

    /** One step: what it does, the violation a dissector must report, and the frame's bytes on the wire. */
    public record Step(String description, Violation violation, byte[] bytes) {
    }

    private static final List<Step> STEPS = List.of(
            new Step("a masked frame from the server", Violation.MASKED_SERVER_FRAME,
                    FrameEncoder.text("masked by the server").masked(0x11223344).encode()),
            new Step("RSV2 set without an extension", Violation.RESERVED_BITS,
                    FrameEncoder.text("rsv2").rsv2(true).encode()),
            new Step("reserved opcode 0x3", Violation.RESERVED_OPCODE,
                    FrameEncoder.frame(Opcode.TEXT).opcode(3).payload(bytes("reserved")).encode()),
            new Step("a ping of 126 bytes", Violation.CONTROL_FRAME_TOO_LONG,
                    FrameEncoder.ping(new byte[126]).encode()),
            new Step("a ping without FIN", Violation.FRAGMENTED_CONTROL_FRAME,
                    FrameEncoder.ping(bytes("half")).fin(false).encode()),
            new Step("a continuation with no message started", Violation.CONTINUATION_WITHOUT_START,
                    FrameEncoder.frame(Opcode.CONTINUATION).payload(bytes("orphan")).encode()),
            new Step("text that is not UTF-8", Violation.INVALID_UTF8,
                    FrameEncoder.frame(Opcode.TEXT).payload(new byte[] {(byte) 0xc3, 0x28}).encode()),
            new Step("5 bytes with a 16-bit length", Violation.NON_MINIMAL_LENGTH,
                    FrameEncoder.text("12345").lengthEncoding(LengthEncoding.EXTENDED_16).encode()));

    private static final List<Step> CLOSE_STEPS = List.of(
            new Step("a close frame with a one-byte body", Violation.CLOSE_PAYLOAD_ONE_BYTE,
                    FrameEncoder.frame(Opcode.CLOSE).payload(new byte[] {0x03}).encode()),
            new Step("text after the close frame", Violation.DATA_AFTER_CLOSE, FrameEncoder.text("too late").encode()),
            new Step("a close with status 1005, which must not be sent", Violation.INVALID_CLOSE_CODE,
                    FrameEncoder.close(1005, "no status").encode()));

    private ChaosScript() {
    }

    /** The payload of the ping that follows the violations. */
    public static final String PING = "chaos ping";

    /** The ordinary messages that follow the violations, in order. */
    public static final List<String> AFTERWARDS = List.of("chaos over: business as usual", "and another message");

    /** The steps of /chaos. */
    public static List<Step> steps() {
        return STEPS;
    }

    /** The steps of /chaos-close: the server's close frame done wrong, and data after it. */
    public static List<Step> closeSteps() {
        return CLOSE_STEPS;
    }

    /**
     * The frames in the order they are written: each step announced by a legal text frame ("chaos 3/11:
     * RESERVED_OPCODE — reserved opcode 0x3") until a close frame has gone out, since after it any announcement would
     * itself be data after close (RFC 6455 §5.5.1).
     */
    public static List<byte[]> frames() {
        List<byte[]> frames = announced(STEPS);
        AFTERWARDS.forEach(text -> frames.add(FrameEncoder.text(text).encode()));
        frames.add(FrameEncoder.ping(bytes(PING)).encode());
        return frames;
    }

    /** The frames of /chaos-close, announced the same way until the first close frame. */
    public static List<byte[]> closeFrames() {
        return announced(CLOSE_STEPS);
    }

    private static List<byte[]> announced(List<Step> steps) {
        List<byte[]> frames = new ArrayList<>();
        boolean closeSent = false;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (!closeSent) {
                frames.add(FrameEncoder.text("chaos " + (i + 1) + "/" + steps.size() + ": " + step.violation().id()
                        + " — " + step.description()).encode());
            }
            frames.add(step.bytes());
            closeSent |= isClose(step.bytes());
        }
        return frames;
    }

    /** The whole /chaos script as one write. */
    public static byte[] stream() {
        return concat(frames());
    }

    /** The whole /chaos-close script as one write. */
    public static byte[] closeStream() {
        return concat(closeFrames());
    }

    private static byte[] concat(List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static boolean isClose(byte[] frame) {
        return (frame[0] & 0x0f) == Opcode.CLOSE.code();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
