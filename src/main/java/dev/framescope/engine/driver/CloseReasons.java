package dev.framescope.engine.driver;

import dev.framescope.wire.CloseCode;
import dev.framescope.wire.Finding;
import dev.framescope.wire.Violation;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What our close frame says when we fail a connection (RFC 6455 §7.1.7): the status code the broken rule calls for
 * and a reason a person can read — the rule in a few words and what was seen, never a Java class name — in at most
 * 123 bytes of UTF-8 (§5.5: a control frame's payload is 125 bytes, two of them the code).
 */
public final class CloseReasons {

    /** The most reason bytes a close frame carries (RFC 6455 §5.5, §5.5.1). */
    public static final int MAX_REASON_BYTES = 123;

    private CloseReasons() {
    }

    /** 1007 for a payload that is not what its type says, 1009 for one too big, 1002 for every other breach (§7.4.1). */
    public static int codeFor(Violation violation) {
        return switch (violation) {
            case INVALID_UTF8, INVALID_CLOSE_REASON_UTF8, DEFLATE_ERROR -> CloseCode.INVALID_PAYLOAD.code();
            case INFLATE_LIMIT_EXCEEDED -> CloseCode.MESSAGE_TOO_BIG.code();
            default -> CloseCode.PROTOCOL_ERROR.code();
        };
    }

    /** E.g. {@code invalid UTF-8 in text message at byte 20 of the message}. */
    public static String reasonFor(Finding finding) {
        String rule = phrase(finding.violation());
        String detail = finding.detail().strip();
        if (detail.isEmpty() || looksLikeJava(detail)) {
            return fit(rule);
        }
        if (detail.startsWith("opcode ") && rule.endsWith(" opcode")) {
            return fit(rule + detail.substring("opcode".length())); // "reserved opcode 0x3", not "…: opcode 0x3"
        }
        return fit(rule + (detail.startsWith("byte ") ? " at " : ": ") + detail);
    }

    /** {@code text} cut to {@link #MAX_REASON_BYTES} bytes of UTF-8 at a character boundary. */
    public static String fit(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_REASON_BYTES) {
            return text;
        }
        int end = MAX_REASON_BYTES;
        // Back up over continuation bytes (10xxxxxx) to the start of the character that does not fit.
        while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(utf8, 0, end, StandardCharsets.UTF_8);
    }

    /** Why Strict mode refused a 101 that broke a rule of RFC 6455 §4.1, for the user. */
    static String refusal(Finding f) {
        return "refused the server's 101: " + midSentence(f.violation().message())
                + (f.detail().isEmpty() ? "" : " (" + f.detail() + ")") + " [" + f.violation().id() + ", "
                + f.violation().rfcSection() + "]";
    }

    private static String phrase(Violation violation) {
        return switch (violation) {
            case MASKED_SERVER_FRAME -> "masked frame from the server";
            case RESERVED_BITS -> "reserved bits set";
            case RESERVED_OPCODE -> "reserved opcode";
            case NON_MINIMAL_LENGTH -> "payload length not written minimally";
            case LENGTH_MSB_SET -> "64-bit payload length with its top bit set";
            case CONTROL_FRAME_TOO_LONG -> "control frame longer than 125 bytes";
            case FRAGMENTED_CONTROL_FRAME -> "fragmented control frame";
            case CONTINUATION_WITHOUT_START -> "continuation frame with no message to continue";
            case DATA_FRAME_DURING_FRAGMENTED_MESSAGE -> "new data frame inside a fragmented message";
            case INVALID_UTF8 -> "invalid UTF-8 in text message";
            case CLOSE_PAYLOAD_ONE_BYTE -> "close frame with a 1-byte payload";
            case INVALID_CLOSE_CODE -> "close code not allowed on the wire";
            case INVALID_CLOSE_REASON_UTF8 -> "invalid UTF-8 in close reason";
            case DATA_AFTER_CLOSE -> "data frame after the close frame";
            case RSV1_ON_CONTINUATION -> "RSV1 on a continuation frame";
            case RSV1_ON_CONTROL_FRAME -> "RSV1 on a control frame";
            case DEFLATE_ERROR -> "compressed message does not inflate";
            case INFLATE_LIMIT_EXCEEDED -> "message inflates past the size limit";
            default -> {
                String m = violation.message();
                yield midSentence(m.endsWith(".") ? m.substring(0, m.length() - 1) : m);
            }
        };
    }

    /**
     * A catalogue message continued after a colon: "The response's…" becomes "the response's…", but a first word
     * with capitals inside — a header name (Sec-WebSocket-Accept), RSV1 — is left as it is spelled.
     */
    private static String midSentence(String message) {
        int end = message.indexOf(' ');
        String first = end < 0 ? message : message.substring(0, end);
        if (first.isEmpty() || !first.substring(1).equals(first.substring(1).toLowerCase(Locale.ROOT))) {
            return message;
        }
        return Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    /** An exception's text that slipped into a detail ("java.util.zip.DataFormatException: ..."): left out. */
    private static boolean looksLikeJava(String detail) {
        return detail.contains("java.") || detail.contains("Exception") || detail.contains("Error:");
    }
}
