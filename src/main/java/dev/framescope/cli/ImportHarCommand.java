package dev.framescope.cli;

import dev.framescope.capture.io.HarImport;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionOutput;
import java.io.BufferedInputStream;
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
        HarImport.Result result;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             SessionOutput writer = SessionFiles.create(out, false)) {
            result = HarImport.read(in, writer);
        } catch (IOException e) {
            err.println("import-har: " + file + ": " + e.getMessage());
            return 2;
        }
        result.problems().forEach(p -> err.println("import-har: " + p + " (skipped)"));
        spec.commandLine().getOut().println("wrote " + out + " (" + result.connections()
                + " WebSocket connection(s), message-level)");
        return 0;
    }
}
