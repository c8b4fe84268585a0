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
import java.nio.charset.StandardCharsets;
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
        /** A plain frame's row between its offset and its length, and its message's row up to the length. */
        private static final byte[] TEXT_CELLS = ascii("  F --- -  " + pad(Opcode.TEXT) + "  -         ");
        private static final byte[] BINARY_CELLS = ascii("  F --- -  " + pad(Opcode.BINARY) + "  -         ");
        private static final byte[] TEXT_MESSAGE = ascii("           = " + Opcode.TEXT.shortName()
                + " message, 1 frame, ");
        private static final byte[] BINARY_MESSAGE = ascii("           = " + Opcode.BINARY.shortName()
                + " message, 1 frame, ");
        private static final byte[] GAP = ascii("  ");
        private static final byte[] BYTES = ascii(" B: ");
        private static final byte[] NEWLINE = ascii(LINE);
        private final CharLines rows;
        private boolean headed;

        Table(PrintWriter out) {
            super(out);
            rows = new CharLines(out);
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
            if (!headed) {
                out.printf(ROW, "offset", "F RSV M", "opcode", "key", "length (bits)", "payload", "");
                headed = true;
            }
            byte[] array = run.array();
            for (int i = 0; i < run.count(); i++) {
                int start = run.frameStart(i);
                int payload = start + run.headerBytes(i);
                int length = run.payloadLength(i);
                boolean text = (array[start] & FrameHeader.B0_MASK_OPCODE) == Opcode.TEXT.code();
                int bits = run.headerBytes(i) == 2 ? 7 : run.headerBytes(i) == 4 ? 16 : 64;
                rows.padLeft(run.streamOffset(i), 9).append(text ? TEXT_CELLS : BINARY_CELLS)
                        .lengthCell(length, bits).spaces(14 - CharLines.lengthCellWidth(length, bits)).append(GAP)
                        .preview(array, payload, length, text).append(NEWLINE);
                rows.append(text ? TEXT_MESSAGE : BINARY_MESSAGE).append(length).append(BYTES)
                        .preview(array, payload, length, text).append(NEWLINE);
                rows.maybeFlush();
            }
            rows.flush();
        }

        private static String pad(Opcode opcode) {
            return String.format("%-12s", opcode.shortName());
        }

        private static byte[] ascii(String s) {
            return s.getBytes(StandardCharsets.US_ASCII);
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
