package dev.framescope.cli;

import dev.framescope.capture.text.EventText;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.io.SessionReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code framescope inspect}: the table and summary of a saved session. */
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
        SessionReader.Loaded loaded;
        try {
            loaded = SessionReader.read(file, PayloadStore.DEFAULT_BUDGET);
        } catch (IOException e) {
            return CliErrors.badArguments(spec, InputFiles.sessionProblem(spec, file, e));
        }
        for (CaptureLog log : loaded.logs()) {
            for (CaptureEvent e : log.readFrom(0, log.size())) {
                EventText.line(log, e).ifPresent(out::println);
            }
            out.println();
            EventText.summary(log).forEach(out::println);
            out.println();
        }
        loaded.problems().forEach(p -> err.println("inspect: " + file + " " + p));
        out.flush();
        err.flush();
        loaded.logs().forEach(CaptureLog::close);
        return loaded.problems().isEmpty() ? 0 : 1;
    }
}
