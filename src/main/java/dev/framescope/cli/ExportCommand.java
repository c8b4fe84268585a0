package dev.framescope.cli;

import dev.framescope.capture.io.Exports;
import dev.framescope.capture.io.SessionReader;
import dev.framescope.capture.io.SessionReader.LoadProblem;
import dev.framescope.capture.io.StreamedExport;
import dev.framescope.wire.FrameHeader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framescope export}: a saved session as pcapng (Wireshark, tshark) or as JSON Lines of frames and messages. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a session file: pcapng for Wireshark/tshark, har for browsers' DevTools, json (frames "
                + "and messages, one per line) or text (one line per event, as `inspect` prints it).")
final class ExportCommand implements Callable<Integer> {

    /** The command line's names for {@link Exports.Format}. */
    enum Format {
        pcapng(Exports.Format.PCAPNG), har(Exports.Format.HAR), json(Exports.Format.JSON), text(Exports.Format.TEXT);

        final Exports.Format format;

        Format(Exports.Format format) {
            this.format = format;
        }
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A Framescope session file (.fscap).")
    Path file;

    @Option(names = "--to", required = true, paramLabel = "pcapng|har|json|text",
            description = "The format to write.")
    Format format;

    @Option(names = "--out", required = true, paramLabel = "OUT",
            description = "The file to write (replaced if it exists), e.g. capture.pcapng.")
    Path out;

    @Option(names = "--keep-secrets", description = "Keep Authorization, cookies and query tokens (redacted by default).")
    boolean keepSecrets;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            // Before OUT is created: a missing or wrong input leaves no empty output behind.
            InputFiles.checkSession(file);
        } catch (IOException e) {
            return CliErrors.badArguments(spec, InputFiles.sessionProblem(spec, file, e));
        }
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            StreamedExport export = new StreamedExport(format.format, SessionStream.connections(file), keepSecrets,
                    os);
            List<LoadProblem> problems = SessionStream.run(file, new SessionStream.Handler() {
                @Override
                public void event(dev.framescope.capture.CaptureLog log, dev.framescope.capture.CaptureEvent e)
                        throws IOException {
                    export.event(log, e);
                }

                @Override
                public boolean plainFrame(dev.framescope.capture.CaptureLog log, long seq, long nanos,
                                          FrameHeader header, byte[] payload) throws IOException {
                    return export.plainFrame(log, seq, nanos, header, payload);
                }

                @Override
                public void end() throws IOException {
                    export.finish();
                }
            });
            problems.forEach(p -> err.println("export: " + file + " " + p + " (skipped)"));
        } catch (SessionReader.NotASessionException e) {
            return CliErrors.badArguments(spec, InputFiles.sessionProblem(spec, file, e));
        } catch (IOException e) {
            err.println("export: cannot write " + out + ": " + e.getMessage());
            return 2;
        }
        spec.commandLine().getOut().println("wrote " + out);
        return 0;
    }
}
