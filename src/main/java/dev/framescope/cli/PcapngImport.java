package dev.framescope.cli;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.io.PcapngReader;
import dev.framescope.capture.io.SessionOutput;
import dev.framescope.capture.io.SessionReader.LoadProblem;
import dev.framescope.engine.WireReplay;
import dev.framescope.wire.Sender;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pcapng's TCP conversations as connections: each one's two byte streams go through the live recorder again, so
 * handshake, frames, messages, findings and close are what a live capture would have recorded. The client is the
 * side that sent the SYN, else the one whose first bytes are {@code GET }. Our own export's section comment gives
 * the connections their labels back.
 */
final class PcapngImport {

    private final SessionOutput writer;
    private final Map<String, Flow> flows = new LinkedHashMap<>();
    private final List<String> labels = new ArrayList<>();
    private final List<LoadProblem> problems = new ArrayList<>();

    private PcapngImport(SessionOutput writer) {
        this.writer = writer;
    }

    static List<LoadProblem> run(Path file, SessionOutput writer) throws IOException {
        PcapngImport im = new PcapngImport(writer);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            im.read(in);
        } catch (PcapngReader.Damaged e) {
            im.problems.add(new LoadProblem(0, e.getMessage(), ""));
        }
        for (Flow f : im.flows.values()) {
            f.replay.end(f.lastNanos);
            f.drain(writer, true);
            f.log.close();
        }
        return im.problems;
    }

    private void read(InputStream in) throws IOException {
        PcapngImport im = this;
        new PcapngReader(in).read(new PcapngReader.Handler() {
            @Override
            public void comment(String text) {
                im.comment(text);
            }

            @Override
            public void segment(PcapngReader.Segment s) throws IOException {
                im.segment(s);
            }
        });
    }

    private void comment(String text) {
        text.lines().filter(l -> l.startsWith("connection ") && l.contains(": "))
                .map(l -> l.substring(l.indexOf(": ") + 2).replace(" (TLS: the plaintext inside TLS, as Framescope "
                        + "saw it)", "")).forEach(labels::add);
    }

    private void segment(PcapngReader.Segment s) throws IOException {
        String key = s.source().compareTo(s.destination()) < 0 ? s.source() + "|" + s.destination()
                : s.destination() + "|" + s.source();
        Flow f = flows.get(key);
        if (f == null) {
            int index = flows.size();
            String label = index < labels.size() ? labels.get(index) : "tcp://" + s.source() + " ⇄ " + s.destination();
            f = new Flow(new CaptureLog(index + 1, label, new PayloadStore(PayloadStore.DEFAULT_BUDGET),
                    s.epochNanos(), Instant.ofEpochSecond(0, s.epochNanos())));
            flows.put(key, f);
        }
        if (f.client == null) {
            if (s.synOnly()) {
                f.client = s.source();
            } else if (s.payload().length > 0) {
                boolean get = new String(s.payload(), 0, Math.min(4, s.payload().length), StandardCharsets.ISO_8859_1)
                        .equals("GET ");
                f.client = get ? s.source() : s.destination();
            }
        }
        f.lastNanos = Math.max(f.lastNanos, s.epochNanos());
        if (s.payload().length > 0) {
            Sender sender = s.source().equals(f.client) ? Sender.CLIENT : Sender.SERVER;
            f.replay.bytes(sender, s.payload(), 0, s.payload().length, s.epochNanos());
            f.drain(writer, false);
        }
    }

    /** One TCP conversation and how far its events have been written. */
    private static final class Flow {
        final CaptureLog log;
        final WireReplay replay;
        String client;
        long lastNanos;
        int written;

        Flow(CaptureLog log) {
            this.log = log;
            this.replay = new WireReplay(log);
        }

        void drain(SessionOutput writer, boolean all) throws IOException {
            int size = log.size();
            if (size - written >= 4096 || all && size > written) {
                writer.write(log, log.readFrom(written, size - written));
                written = size;
            }
        }
    }
}
