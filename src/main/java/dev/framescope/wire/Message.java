package dev.framescope.wire;

import java.util.List;
import java.util.Objects;

/**
 * A data message reassembled from its frames (RFC 6455 §5.4), inflated when it was compressed (RFC 7692).
 *
 * @param sender          who sent it
 * @param opcode          TEXT or BINARY (the opcode of its first frame); CONTINUATION for data that arrived in
 *                        continuation frames with no message started ({@link Violation#CONTINUATION_WITHOUT_START}),
 *                        whose type is unknown
 * @param startOffset     stream offset of its first frame
 * @param frameCount      number of frames (fragments) that carried it
 * @param wireLength      payload bytes on the wire, all fragments together
 * @param compressed      whether RSV1 marked it as compressed by permessage-deflate
 * @param length          length of the application data (inflated when compressed); counts bytes beyond {@code payload}
 * @param payload         the application data, at most the assembler's retention limit; see {@link #truncated()}
 * @param findings        message-level violations (UTF-8, deflate, limits)
 */
public record Message(Sender sender, Opcode opcode, long startOffset, int frameCount, long wireLength,
                      boolean compressed, long length, byte[] payload, List<Finding> findings) {

    public Message {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(opcode, "opcode");
        Objects.requireNonNull(payload, "payload");
        // one empty array for every message without bytes: records compare arrays by reference
        payload = payload.length == 0 ? NO_BYTES : payload;
        findings = List.copyOf(findings);
    }

    /** True when the application data was longer than the retention limit and only its start is kept. */
    public boolean truncated() {
        return payload.length < length;
    }

    private static final byte[] NO_BYTES = new byte[0];

    /** The message without its bytes (kept elsewhere); shares one empty array, and is this message if it has none. */
    public Message withoutPayload() {
        return payload == NO_BYTES ? this : withPayload(NO_BYTES);
    }

    /** The same message with other retained bytes (e.g. read back from storage). */
    public Message withPayload(byte[] bytes) {
        return new Message(sender, opcode, startOffset, frameCount, wireLength, compressed, length, bytes, findings);
    }

    public boolean isText() {
        return opcode == Opcode.TEXT;
    }

    public boolean hasViolation(Violation violation) {
        return findings.stream().anyMatch(f -> f.violation() == violation);
    }
}
