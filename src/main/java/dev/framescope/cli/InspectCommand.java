package dev.framescope.cli;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.io.SessionReader.LoadProblem;
import dev.framescope.capture.text.EventText;
import dev.framescope.capture.text.SummaryBuilder;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A Framescope session file (.fscap).")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<CaptureLog, Section> sections = new LinkedHashMap<>();
        List<LoadProblem> problems;
        try {
            problems = SessionStream.run(file, new SessionStream.Handler() {
                @Override
                public void connection(CaptureLog log) throws IOException {
                    sections.put(log, new Section(sections.isEmpty() ? null : Files.createTempFile(
                            "framescope-inspect-", ".txt")));
                }

                @Override
                public void event(CaptureLog log, CaptureEvent e) throws IOException {
                    Section s = sections.get(log);
                    s.summary.accept(e);
                    var line = EventText.line(log, e);
                    if (line.isPresent()) {
                        s.println(out, line.get());
                    }
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

    /** One connection's lines (straight out, or in a temporary file until their turn) and its summary. */
    private static final class Section {
        final SummaryBuilder summary = new SummaryBuilder();
        final Path spill;
        BufferedWriter writer;

        Section(Path spill) throws IOException {
            this.spill = spill;
            this.writer = spill == null ? null : Files.newBufferedWriter(spill, StandardCharsets.UTF_8);
        }

        void println(PrintWriter out, String line) throws IOException {
            if (writer == null) {
                out.println(line);
            } else {
                writer.write(line);
                writer.newLine();
            }
        }

        void finish(PrintWriter out) throws IOException {
            if (writer == null) {
                return;
            }
            writer.close();
            try (BufferedReader in = Files.newBufferedReader(spill, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.println(line);
                }
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
