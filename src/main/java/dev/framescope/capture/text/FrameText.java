package dev.framescope.capture.text;

import dev.framescope.wire.Finding;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.Message;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/** How the command line shows frames and messages in one line: flags, lengths, payload previews, violation ids. */
public final class FrameText {

    public static final int PREVIEW_CHARS = 48;

    private FrameText() {
    }

    /** "F 1-- M" style flags: FIN, RSV1-3, MASK. */
    public static String flags(FrameHeader h) {
        return (h.fin() ? "F" : "-") + ' ' + (h.rsv1() ? '1' : '-') + (h.rsv2() ? '2' : '-') + (h.rsv3() ? '3' : '-')
                + ' ' + (h.masked() ? "M" : "-");
    }

    /** "5 (7)" — payload length and its encoding in bits. */
    public static String length(FrameHeader h) {
        return h.payloadLengthText() + " (" + h.lengthEncoding().bits() + ")";
    }

    /** Text in quotes when the bytes are text, else the first bytes as hex. */
    public static String preview(byte[] payload, boolean text, long totalLength) {
        if (payload.length == 0) {
            return "";
        }
        String shown = text ? quoted(payload) : hex(payload);
        return payload.length < totalLength && !shown.endsWith("…") ? shown + "…" : shown;
    }

    public static String preview(Message m) {
        return preview(m.payload(), m.isText() && !m.hasViolation(dev.framescope.wire.Violation.INVALID_UTF8),
                m.length());
    }

    public static String ids(List<Finding> findings) {
        return findings.stream().map(f -> f.violation().id()).distinct().collect(Collectors.joining(","));
    }

    private static String quoted(byte[] payload) {
        String s = new String(payload, 0, Math.min(payload.length, PREVIEW_CHARS * 4), StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder("\"");
        int cps = 0;
        for (int i = 0; i < s.length() && cps < PREVIEW_CHARS; i = s.offsetByCodePoints(i, 1), cps++) {
            int cp = s.codePointAt(i);
            if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '"') {
                sb.append("\\\"");
            } else if (Character.isISOControl(cp)) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        }
        boolean cut = cps >= PREVIEW_CHARS && s.codePointCount(0, s.length()) > PREVIEW_CHARS;
        return sb.append('"').append(cut ? "…" : "").toString();
    }

    private static String hex(byte[] payload) {
        return hex(payload, PREVIEW_CHARS / 3);
    }

    /** The first {@code bytes} bytes as spaced hex, "…" when there are more. */
    public static String hex(byte[] payload, int bytes) {
        int n = Math.min(payload.length, bytes);
        String h = HexFormat.ofDelimiter(" ").formatHex(payload, 0, n);
        return n < payload.length ? h + " …" : h;
    }

    /**
     * The table cells' preview: the text itself (no quotes, line breaks as spaces, cut at {@code chars} characters)
     * when {@code text} is set and the bytes shown are valid UTF-8, else the first {@code chars / 3} bytes as hex.
     */
    public static String plain(byte[] payload, boolean text, int chars) {
        byte[] head = payload.length <= chars * 3 ? payload : java.util.Arrays.copyOf(payload, chars * 3);
        if (text && dev.framescope.wire.Utf8Validator.isValid(head)) {
            String s = new String(head, StandardCharsets.UTF_8).replace('\n', ' ');
            return s.length() > chars ? s.substring(0, chars) + "…" : head.length < payload.length ? s + "…" : s;
        }
        return hex(payload, chars / 3);
    }
}
