package dev.framescope.cli;

import dev.framescope.wire.Finding;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.Message;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/** How the command line shows frames and messages in one line: flags, lengths, payload previews, violation ids. */
final class FrameText {

    static final int PREVIEW_CHARS = 48;

    private FrameText() {
    }

    /** "F 1-- M" style flags: FIN, RSV1-3, MASK. */
    static String flags(FrameHeader h) {
        return (h.fin() ? "F" : "-") + ' ' + (h.rsv1() ? '1' : '-') + (h.rsv2() ? '2' : '-') + (h.rsv3() ? '3' : '-')
                + ' ' + (h.masked() ? "M" : "-");
    }

    /** "5 (7)" — payload length and its encoding in bits. */
    static String length(FrameHeader h) {
        return h.payloadLength() + " (" + h.lengthEncoding().bits() + ")";
    }

    /** Text in quotes when the bytes are text, else the first bytes as hex. */
    static String preview(byte[] payload, boolean text, long totalLength) {
        if (payload.length == 0) {
            return "";
        }
        String shown = text ? quoted(payload) : hex(payload);
        return payload.length < totalLength && !shown.endsWith("…") ? shown + "…" : shown;
    }

    static String preview(Message m) {
        return preview(m.payload(), m.isText() && !m.hasViolation(dev.framescope.wire.Violation.INVALID_UTF8),
                m.length());
    }

    static String ids(List<Finding> findings) {
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
        int n = Math.min(payload.length, PREVIEW_CHARS / 3);
        String h = HexFormat.ofDelimiter(" ").formatHex(payload, 0, n);
        return n < payload.length ? h + " …" : h;
    }
}
