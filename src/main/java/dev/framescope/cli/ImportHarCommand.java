package dev.framescope.cli;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.io.Har;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framescope import-har}: a browser's HAR (WebSocket entries) as a session file, message-level only. */
@Command(name = "import-har", mixinStandardHelpOptions = true,
        description = "Turn the WebSocket entries of a HAR file saved from a browser into a session file. HAR keeps "
                + "messages, not frames: the session says so.")
final class ImportHarCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "SESSION")
    Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Har.Imported imported;
        try (InputStream in = Files.newInputStream(file)) {
            imported = Har.read(in, PayloadStore.DEFAULT_BUDGET);
        } catch (IOException e) {
            err.println("import-har: " + file + ": " + e.getMessage());
            return 2;
        }
        imported.problems().forEach(p -> err.println("import-har: " + p + " (skipped)"));
        try (SessionOutput writer = SessionFiles.create(out, false)) {
            for (CaptureLog log : imported.logs()) {
                writer.write(log, log.readFrom(0, log.size()));
            }
        } catch (IOException e) {
            err.println("import-har: cannot write " + out + ": " + e.getMessage());
            return 2;
        }
        spec.commandLine().getOut().println("wrote " + out + " (" + imported.logs().size()
                + " WebSocket connection(s), message-level)");
        return 0;
    }
}
