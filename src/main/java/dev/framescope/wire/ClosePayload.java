package dev.framescope.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * The body of a close frame (RFC 6455 §5.5.1): an optional two-byte status code and a UTF-8 reason.
 *
 * @param code            the status code, empty for an empty body (and for the illegal one-byte body)
 * @param reason          the reason decoded as UTF-8 (malformed sequences replaced)
 * @param reasonValidUtf8 whether the reason bytes were valid UTF-8
 * @param length          payload length
 */
public record ClosePayload(OptionalInt code, String reason, boolean reasonValidUtf8, int length) {

    /** A close frame's payload: the code in two bytes, big-endian, then the reason in UTF-8 (RFC 6455 §5.5.1). */
    public static byte[] encode(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[2 + text.length];
        body[0] = (byte) (code >>> 8);
        body[1] = (byte) code;
        System.arraycopy(text, 0, body, 2, text.length);
        return body;
    }

    public static ClosePayload parse(byte[] payload) {
        if (payload.length < 2) {
            return new ClosePayload(OptionalInt.empty(), "", true, payload.length);
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        byte[] reason = Arrays.copyOfRange(payload, 2, payload.length);
        return new ClosePayload(OptionalInt.of(code), new String(reason, StandardCharsets.UTF_8),
                Utf8Validator.isValid(reason), payload.length);
    }

    /** Findings for a close frame starting at {@code frameOffset}. */
    public List<Finding> findings(long frameOffset) {
        List<Finding> findings = new ArrayList<>(1);
        if (length == 1) {
            findings.add(Finding.at(Violation.CLOSE_PAYLOAD_ONE_BYTE, frameOffset, "payload length 1"));
        }
        if (code.isPresent() && !CloseCode.isValidOnWire(code.getAsInt())) {
            findings.add(Finding.at(Violation.INVALID_CLOSE_CODE, frameOffset, CloseCode.describe(code.getAsInt())));
        }
        if (!reasonValidUtf8) {
            findings.add(Finding.at(Violation.INVALID_CLOSE_REASON_UTF8, frameOffset, "reason of " + (length - 2) + " bytes"));
        }
        return findings;
    }

    /** "1000 Normal Closure — \"bye\"": the code with its registry name, and the reason. */
    public String brief() {
        if (code.isEmpty()) {
            return length == 1 ? "malformed (1 byte)" : "no status code";
        }
        int c = code.getAsInt();
        String name = CloseCode.of(c).map(CloseCode::title).orElse(c >= 4000 && c <= 4999 ? "private use"
                : c >= 3000 && c <= 3999 ? "registered" : "not a valid code");
        return c + " " + name + (reason.isEmpty() ? "" : " — \"" + reason + "\"");
    }

    public String describe() {
        if (code.isEmpty()) {
            return length == 1 ? "malformed (1 byte)" : "no status code";
        }
        return CloseCode.describe(code.getAsInt()) + (reason.isEmpty() ? "" : " — \"" + reason + "\"");
    }
}
