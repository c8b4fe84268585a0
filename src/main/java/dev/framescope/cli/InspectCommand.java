package dev.framescope.cli;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.io.SessionReader.LoadProblem;
import dev.framescope.capture.io.StreamedMarks;
import dev.framescope.capture.text.EventText;
import dev.framescope.capture.text.SummaryBuilder;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.Opcode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code framescope inspect}: the table and summary of a saved session, streamed: the first connection's lines are
 * printed as they are read, any other connection's go to a temporary file and follow, so memory does not grow
 * with the file.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show a saved session: one line per event and the summary. Damaged lines are reported and skipped.")
final class InspectCommand implements Callable<Integer> {

    private static final String LINE = System.lineSeparator();

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A Framescope session file (.fscap).")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<CaptureLog, Section> sections = new LinkedHashMap<>();
        StreamedMarks marks = new StreamedMarks();
        List<LoadProblem> problems;
        try {
            problems = SessionStream.run(file, new SessionStream.Handler() {
                @Override
                public void connection(CaptureLog log) throws IOException {
                    sections.put(log, new Section(out, sections.isEmpty() ? null : Files.createTempFile(
                            "framescope-inspect-", ".txt")));
                }

                @Override
                public void event(CaptureLog log, CaptureEvent e) {
                    Section s = sections.get(log);
                    s.summary.accept(e);
                    marks.seen(log, e);
                    var line = EventText.line(log, e, marks.take(log, e.seq()));
                    if (line.isPresent()) {
                        s.lines.append(line.get()).append(LINE).maybeFlush();
                    }
                }

                @Override
                public boolean plainFrame(CaptureLog log, long seq, long nanos, FrameHeader header, byte[] payload) {
                    if (marks.marks(log, seq) || marks.marks(log, seq + 1)) {
                        return false; // the proxy's own frame (an injection toward the app): its line names it
                    }
                    Section s = sections.get(log);
                    s.summary.acceptPlainFrame(payload.length);
                    plainLine(s.lines, nanos - log.nanoAnchor(), header, payload);
                    return true;
                }
            });
            for (Map.Entry<CaptureLog, Section> e : sections.entrySet()) {
                e.getValue().finish(out);
                out.println();
                ModeLine.with(e.getKey(), e.getValue().summary.lines(e.getKey())).forEach(out::println);
                out.println();
            }
        } catch (IOException e) {
            return CliErrors.badArguments(spec, InputFiles.sessionProblem(spec, file, e));
        } catch (UncheckedIOException e) {
            return CliErrors.badArguments(spec, InputFiles.sessionProblem(spec, file, e.getCause()));
        } finally {
            sections.values().forEach(Section::delete);
        }
        problems.forEach(p -> err.println("inspect: " + file + " " + p));
        out.flush();
        err.flush();
        return problems.isEmpty() ? 0 : 1;
    }

    /**
     * {@link EventText#line} of a plain frame (a whole FIN TEXT or BINARY frame received, unmasked, uncompressed,
     * without findings), built in place: its one-frame message has no line.
     */
    static void plainLine(CharLines lines, long sinceStart, FrameHeader header, byte[] payload) {
        boolean text = header.opcode() == Opcode.TEXT;
        long length = header.payloadLength();
        int bits = header.lengthEncoding().bits();
        lines.seconds(sinceStart).append(RECEIVED).append(text ? TEXT_FLAGS : BINARY_FLAGS)
                .spaces(10 - CharLines.lengthCellWidth(length, bits)).lengthCell(length, bits).append(GAP)
                .preview(payload, 0, payload.length, text).append(NEWLINE).maybeFlush();
    }

    /** The pieces of a plain frame's line, the ASCII ones as bytes (see {@link CharLines#append(byte[])}). */
    private static final String RECEIVED = "  ← ";
    private static final byte[] TEXT_FLAGS = flags(Opcode.TEXT);
    private static final byte[] BINARY_FLAGS = flags(Opcode.BINARY);
    private static final byte[] GAP = "  ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEWLINE = LINE.getBytes(StandardCharsets.US_ASCII);

    private static byte[] flags(Opcode opcode) {
        return (String.format("%-6s", opcode.shortName()) + " F --- - ").getBytes(StandardCharsets.US_ASCII);
    }

    /** One connection's lines (straight out, or in a temporary file until their turn) and its summary. */
    private static final class Section {
        final SummaryBuilder summary = new SummaryBuilder();
        final Path spill;
        final Writer writer;
        final CharLines lines;

        Section(PrintWriter out, Path spill) throws IOException {
            this.spill = spill;
            this.writer = spill == null ? null : Files.newBufferedWriter(spill, StandardCharsets.UTF_8);
            this.lines = new CharLines(spill == null ? out : writer);
        }

        void finish(PrintWriter out) throws IOException {
            lines.flush();
            if (writer == null) {
                return;
            }
            writer.close();
            try (Reader in = Files.newBufferedReader(spill, StandardCharsets.UTF_8)) {
                in.transferTo(out);
            }
        }

        void delete() {
            if (spill != null) {
                try {
                    if (writer != null) {
                        writer.close();
                    }
                    Files.deleteIfExists(spill);
                } catch (IOException e) {
                    spill.toFile().deleteOnExit();
                }
            }
        }
    }
}
