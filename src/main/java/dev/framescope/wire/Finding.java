package dev.framescope.wire;

import java.util.Objects;

/**
 * One observed breach of a {@link Violation} rule: which rule, what was seen, and where in the byte stream.
 *
 * @param violation    the rule broken
 * @param detail       what was seen, e.g. "opcode 0x3" or "payload length 126 written in 64 bits"; may be empty
 * @param streamOffset byte offset in the sender's stream where the offending bytes start, or -1 when not tied to one
 */
public record Finding(Violation violation, String detail, long streamOffset) {

    public Finding {
        Objects.requireNonNull(violation, "violation");
        Objects.requireNonNull(detail, "detail");
    }

    public static Finding at(Violation violation, long streamOffset, String detail) {
        return new Finding(violation, detail, streamOffset);
    }

    /** "RFC6455-5.5 CONTROL_FRAME_TOO_LONG at byte 130: A control frame's payload ... (payload length 126)". */
    public String describe() {
        StringBuilder sb = new StringBuilder()
                .append(violation.rfcSection()).append(' ').append(violation.id());
        if (streamOffset >= 0) {
            sb.append(" at byte ").append(streamOffset);
        }
        sb.append(": ").append(violation.message());
        if (!detail.isEmpty()) {
            sb.append(" (").append(detail).append(')');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
