package dev.framescope.cli;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.io.PcapngReader;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionOutput;
import dev.framescope.capture.io.SessionReader.LoadProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code framescope convert}: a session file from one version to the other, streamed in bounded memory, or a
 * pcapng (ours, or any capture of plaintext WebSocket over TCP/IPv4) to a session by re-dissecting its TCP streams.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a session file between format versions 1 (JSON Lines) and 2 (compact, the default), "
                + "or turn a pcapng capture into a session by dissecting its WebSocket streams again.")
final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "A session file (.fscap, version 1 or 2) or a pcapng.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT")
    Path out;

    @Option(names = "--to", paramLabel = "1|2", defaultValue = "2",
            description = "Session format version to write (default: ${DEFAULT-VALUE}).")
    int version;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (version != 1 && version != 2) {
            err.println("convert: --to takes 1 or 2, not " + version);
            return 2;
        }
        List<LoadProblem> problems;
        long events;
        try (SessionOutput writer = SessionFiles.create(out, true, version)) {
            problems = pcapng(in) ? PcapngImport.run(in, writer) : copy(writer);
            events = writer.events();
        } catch (IOException e) {
            err.println("convert: " + e.getMessage());
            return 2;
        }
        problems.forEach(p -> err.println("convert: " + in + " " + p + " (skipped)"));
        spec.commandLine().getOut().println("wrote " + out + " (session format version " + version + ", " + events
                + " events)");
        return problems.isEmpty() ? 0 : 1;
    }

    private static boolean pcapng(Path file) throws IOException {
        try (InputStream s = Files.newInputStream(file)) {
            return PcapngReader.isPcapng(s.readNBytes(4));
        }
    }

    /** Every event of a session file into the writer, in batches of one connection's consecutive events. */
    private List<LoadProblem> copy(SessionOutput writer) throws IOException {
        return SessionStream.run(in, new Batches(writer));
    }

    /** Consecutive events of one connection written together, so the writer flushes once per batch. */
    static final class Batches implements SessionStream.Handler {
        private static final int BATCH = 4096;
        private final SessionOutput writer;
        private CaptureLog current;
        private final List<CaptureEvent> events = new ArrayList<>();

        Batches(SessionOutput writer) {
            this.writer = writer;
        }

        @Override
        public void event(CaptureLog log, CaptureEvent e) throws IOException {
            if (log != current || events.size() >= BATCH) {
                flush();
                current = log;
            }
            events.add(e);
        }

        @Override
        public void end() throws IOException {
            flush();
        }

        void flush() throws IOException {
            if (current != null && !events.isEmpty()) {
                writer.write(current, events);
            }
            events.clear();
        }
    }
}
