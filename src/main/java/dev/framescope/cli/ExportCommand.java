package dev.framescope.cli;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.io.PcapngWriter;
import dev.framescope.capture.io.SessionJson;
import dev.framescope.capture.io.SessionReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framescope export}: a saved session as pcapng (Wireshark, tshark) or as JSON Lines of frames and messages. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a session file: pcapng for Wireshark/tshark, har for browsers' DevTools, or json (frames "
                + "and messages, one per line).")
final class ExportCommand implements Callable<Integer> {

    enum Format { pcapng, har, json }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A Framescope session file (.fscap).")
    Path file;

    @Option(names = "--to", required = true, paramLabel = "pcapng|har|json")
    Format format;

    @Option(names = "--out", required = true, paramLabel = "OUT")
    Path out;

    @Option(names = "--keep-secrets", description = "Keep Authorization, cookies and query tokens (redacted by default).")
    boolean keepSecrets;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        SessionReader.Loaded loaded;
        try {
            loaded = SessionReader.read(file, PayloadStore.DEFAULT_BUDGET);
        } catch (IOException e) {
            err.println("export: " + e.getMessage());
            return 2;
        }
        loaded.problems().forEach(p -> err.println("export: " + file + " " + p + " (skipped)"));
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out))) {
            if (format == Format.pcapng) {
                new PcapngWriter(os, keepSecrets).write(loaded.logs());
            } else if (format == Format.har) {
                dev.framescope.capture.io.Har.write(loaded.logs(), keepSecrets, os);
            } else {
                for (CaptureLog log : loaded.logs()) {
                    for (CaptureEvent e : log.readFrom(0, log.size())) {
                        if (e instanceof CaptureEvent.FrameEvent || e instanceof CaptureEvent.MessageEvent) {
                            os.write((SessionJson.toJson(log, e, keepSecrets) + "\n").getBytes(StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        } catch (IOException e) {
            err.println("export: cannot write " + out + ": " + e.getMessage());
            return 2;
        } finally {
            loaded.logs().forEach(CaptureLog::close);
        }
        spec.commandLine().getOut().println("wrote " + out);
        return 0;
    }
}
