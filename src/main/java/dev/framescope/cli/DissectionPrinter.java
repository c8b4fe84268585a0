package dev.framescope.cli;

import dev.framescope.capture.text.FrameText;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framescope.capture.FrameJson;
import dev.framescope.capture.MessageJson;
import dev.framescope.wire.ClosePayload;
import dev.framescope.wire.Dissected;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Finding;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.PlainFrames;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Prints what {@code dissect} finds: a table for people or JSON Lines for programs. */
abstract class DissectionPrinter {

    final PrintWriter out;
    private final Map<String, Integer> violations = new TreeMap<>();
    private int frames;
    private int messages;

    DissectionPrinter(PrintWriter out) {
        this.out = out;
    }

    final void print(Dissected item) {
        if (item instanceof Dissected.FrameItem f) {
            if (f.frame().isFirstChunk()) {
                frames++;
            }
            count(f.findings());
            frame(f);
        } else if (item instanceof Dissected.MessageItem m) {
            messages++;
            message(m);
        }
    }

    /** A run of plain frames, each a whole frame and a one-frame message without findings. */
    final void print(PlainFrames run) {
        frames += run.count();
        messages += run.count();
        plain(run);
    }

    final void streamFinding(Finding finding) {
        count(List.of(finding));
        finding(finding);
    }

    abstract void handshake(String title, List<String> lines, List<Finding> findings);

    abstract void frame(Dissected.FrameItem item);

    abstract void message(Dissected.MessageItem item);

    abstract void plain(PlainFrames run);

    abstract void finding(Finding finding);

    abstract void summary(long bytes, int frames, int messages, Map<String, Integer> violations);

    final void summary(long bytes) {
        summary(bytes, frames, messages, violations);
    }

    private void count(List<Finding> findings) {
        findings.forEach(f -> violations.merge(f.violation().id(), 1, Integer::sum));
    }

    /** Aligned columns, one frame per line, message lines indented under their last frame. */
    static final class Table extends DissectionPrinter {

        private static final String ROW = "%9s  %-7s  %-12s  %-8s  %-14s  %s%s%n";
        private static final String LINE = System.lineSeparator();
        private static final char[] HEX = "0123456789abcdef".toCharArray();
        private boolean headed;

        Table(PrintWriter out) {
            super(out);
        }

        @Override
        void handshake(String title, List<String> lines, List<Finding> findings) {
            out.println(title);
            lines.forEach(l -> out.println("  " + l));
            findings.forEach(f -> out.println("  ! " + f.describe()));
            out.println();
        }

        @Override
        void frame(Dissected.FrameItem item) {
            if (!headed) {
                out.printf(ROW, "offset", "F RSV M", "opcode", "key", "length (bits)", "payload", "");
                headed = true;
            }
            FrameHeader h = item.frame().header();
            String offset = item.frame().isFirstChunk() ? Long.toString(h.streamOffset())
                    : "+" + item.frame().chunkOffset();
            byte[] shown = item.inflated().orElse(item.frame().payload());
            String preview = FrameText.preview(shown, item.carriesText(), shown.length);
            if (h.opcode() == Opcode.CLOSE && item.frame().isWhole()) {
                preview = ClosePayload.parse(item.frame().payload()).brief();
            }
            if (item.inflated().isPresent()) {
                preview = "[inflated " + shown.length + " B] " + preview;
            }
            String flagged = item.findings().isEmpty() ? "" : "   ! " + FrameText.ids(item.findings());
            out.printf(ROW, offset, FrameText.flags(h), h.opcode().shortName(), h.maskingKeyHex().orElse("-"),
                    FrameText.length(h), preview, flagged);
        }

        /** The rows {@link #frame} and {@link #message} print for a plain frame, without a format string per row. */
        @Override
        void plain(PlainFrames run) {
            StringBuilder rows = new StringBuilder();
            byte[] array = run.array();
            for (int i = 0; i < run.count(); i++) {
                if (!headed) {
                    out.printf(ROW, "offset", "F RSV M", "opcode", "key", "length (bits)", "payload", "");
                    headed = true;
                }
                int start = run.frameStart(i);
                int payload = start + run.headerBytes(i);
                int length = run.payloadLength(i);
                boolean text = (array[start] & FrameHeader.B0_MASK_OPCODE) == Opcode.TEXT.code();
                String opcode = text ? Opcode.TEXT.shortName() : Opcode.BINARY.shortName();
                String preview = preview(array, payload, length, text);
                int bits = run.headerBytes(i) == 2 ? 7 : run.headerBytes(i) == 4 ? 16 : 64;
                pad(rows, Long.toString(run.streamOffset(i)), 9, true).append("  F --- -  ");
                pad(rows, opcode, 12, false).append("  -         ");
                pad(rows, length + " (" + bits + ")", 14, false).append("  ").append(preview).append(LINE);
                rows.append("           = ").append(opcode).append(" message, 1 frame, ").append(length).append(" B: ")
                        .append(preview).append(LINE);
                if (rows.length() > 1 << 16) {
                    out.append(rows);
                    rows.setLength(0);
                }
            }
            out.append(rows);
        }

        /**
         * {@link FrameText#preview} of a whole payload, built from the bytes in place when they allow it: BINARY (the
         * first bytes in hex) or TEXT whose shown characters are all ASCII; else the general way, on a copy.
         */
        private static String preview(byte[] array, int from, int length, boolean text) {
            if (length == 0) {
                return "";
            }
            int shown = Math.min(length, text ? FrameText.PREVIEW_CHARS : FrameText.PREVIEW_CHARS / 3);
            StringBuilder sb = new StringBuilder(shown * 3 + 4);
            if (!text) {
                for (int i = from; i < from + shown; i++) {
                    sb.append(i == from ? "" : " ").append(HEX[(array[i] >> 4) & 0xF]).append(HEX[array[i] & 0xF]);
                }
                return shown < length ? sb.append(" …").toString() : sb.toString();
            }
            sb.append('"');
            for (int i = from; i < from + shown; i++) {
                int c = array[i];
                if (c < 0) {
                    return FrameText.preview(Arrays.copyOfRange(array, from, from + length), true, length);
                }
                if (c == '\n') {
                    sb.append("\\n");
                } else if (c == '"') {
                    sb.append("\\\"");
                } else if (c < 0x20 || c == 0x7F) {
                    sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                } else {
                    sb.append((char) c);
                }
            }
            // Past the shown ASCII characters at least one more follows, whatever its bytes: the preview is cut.
            return sb.append(shown < length ? "\"…" : "\"").toString();
        }

        private static StringBuilder pad(StringBuilder sb, String s, int width, boolean right) {
            if (!right) {
                sb.append(s);
            }
            for (int i = s.length(); i < width; i++) {
                sb.append(' ');
            }
            return right ? sb.append(s) : sb;
        }

        @Override
        void message(Dissected.MessageItem item) {
            var m = item.message();
            String size = m.compressed() ? m.wireLength() + " B → " + m.length() + " B inflated" : m.length() + " B";
            String flagged = m.findings().isEmpty() ? "" : "   ! " + FrameText.ids(m.findings());
            out.printf("%9s  = %s message, %d frame%s, %s: %s%s%n", "", m.opcode().shortName(), m.frameCount(),
                    m.frameCount() == 1 ? "" : "s", size, FrameText.preview(m), flagged);
        }

        @Override
        void finding(Finding finding) {
            out.println("  ! " + finding.describe());
        }

        @Override
        void summary(long bytes, int frames, int messages, Map<String, Integer> violations) {
            out.printf("%n%d bytes, %d frames, %d messages, %s%n", bytes, frames, messages,
                    violations.isEmpty() ? "no violations" : "violations: " + violations);
        }
    }

    /** One JSON object per line: frames with {@link FrameJson}'s keys, messages, findings and a summary. */
    static final class Json extends DissectionPrinter {

        private static final ObjectMapper MAPPER = new ObjectMapper();
        private final PlainFrameLines plainLines;

        Json(PrintWriter out) {
            super(out);
            plainLines = new PlainFrameLines(out);
        }

        @Override
        void plain(PlainFrames run) {
            plainLines.write(run);
        }

        @Override
        void handshake(String title, List<String> lines, List<Finding> findings) {
            ObjectNode node = MAPPER.createObjectNode().put("type", "handshake").put("title", title);
            lines.forEach(node.putArray("lines")::add);
            findings.forEach(f -> node.withArray("violations").add(f.violation().id()));
            emit(node);
        }

        @Override
        void frame(Dissected.FrameItem item) {
            emit(FrameJson.toJson(item));
        }

        @Override
        void message(Dissected.MessageItem item) {
            emit(MessageJson.toJson(item.message()));
        }

        @Override
        void finding(Finding finding) {
            emit(MAPPER.createObjectNode().put("type", "violation").put("id", finding.violation().id())
                    .put("rfc", finding.violation().rfcSection()).put("offset", finding.streamOffset())
                    .put("message", finding.describe()));
        }

        @Override
        void summary(long bytes, int frames, int messages, Map<String, Integer> violations) {
            ObjectNode node = MAPPER.createObjectNode().put("type", "summary").put("bytes", bytes)
                    .put("frames", frames).put("messages", messages);
            ObjectNode counts = node.putObject("violations");
            violations.forEach(counts::put);
            emit(node);
        }

        private void emit(ObjectNode node) {
            out.println(node.toString());
        }
    }
}
