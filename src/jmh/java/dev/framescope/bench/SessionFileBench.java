package dev.framescope.bench;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.io.SessionOutput;
import dev.framescope.capture.io.SessionV2Writer;
import dev.framescope.capture.io.SessionWriter;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.PlainFrames;
import dev.framescope.wire.Sender;
import dev.framescope.wire.StreamDissector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * Session files at the ticker capture's scale, without a network: a log of server frames of {@code size} bytes
 * (each a frame and a one-frame message, as the capture records them) written as version 1 and version 2.
 *
 * <pre>
 *   java -cp target/benchmarks.jar dev.framescope.bench.SessionFileBench write [frames=718270] [size=80] [runs=5]
 *   java -cp target/benchmarks.jar dev.framescope.bench.SessionFileBench make FILE [frames=5000000] [size=80] [v=2]
 *   java -cp target/benchmarks.jar dev.framescope.bench.SessionFileBench load FILE
 *   java -cp target/benchmarks.jar dev.framescope.bench.SessionFileBench read FILE
 * </pre>
 * {@code write} prints each version's file size, bytes per frame beyond the payload and frames written per second
 * (median of the runs; version 1 once, it is slow); {@code make} writes a big file for the bounded-memory runs,
 * a chunk of frames at a time; {@code load} opens a file as the window does, reads every event back by index and
 * prints its peak RSS ({@code scripts/bench-memory.sh} runs it next to the other commands).
 */
public final class SessionFileBench {

    private static final int CHUNK = 100_000;

    private SessionFileBench() {
    }

    public static void main(String[] args) throws IOException {
        String mode = args.length > 0 ? args[0] : "write";
        if (mode.equals("load")) {
            load(Path.of(args[1]));
            return;
        }
        if (mode.equals("read")) {
            read(Path.of(args[1]));
            return;
        }
        if (mode.equals("make")) {
            Path file = Path.of(args[1]);
            long frames = args.length > 2 ? Long.parseLong(args[2]) : 5_000_000;
            int size = args.length > 3 ? Integer.parseInt(args[3]) : 80;
            int version = args.length > 4 ? Integer.parseInt(args[4]) : 2;
            long t0 = System.nanoTime();
            try (SessionOutput out = version == 1 ? new SessionWriter(file, true) : new SessionV2Writer(file, true)) {
                for (long done = 0; done < frames; done += CHUNK) {
                    int n = (int) Math.min(CHUNK, frames - done);
                    try (CaptureLog log = ticker(n, size, done)) {
                        out.write(log, log.readFrom(0, log.size()));
                    }
                }
            }
            System.out.printf(Locale.ROOT, "made %s: %,d frames of %d B, %,d bytes, %.1f s%n", file, frames, size,
                    Files.size(file), (System.nanoTime() - t0) / 1e9);
            return;
        }
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 718_270;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 80;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Path dir = Files.createTempDirectory("framescope-session-bench");
        try (CaptureLog log = ticker(frames, size, 0)) {
            System.out.printf(Locale.ROOT, "%,d frames of %d B (%,d payload bytes), %,d events in the log%n", frames,
                    size, (long) frames * size, log.size());
            report("v2", dir.resolve("v2.fscap"), log, frames, size, runs, 2);
            report("v1", dir.resolve("v1.fscap"), log, frames, size, 1, 1);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    /**
     * What the window's open path does (File > Open: {@code SessionFiles.load} with the window's open budget), then
     * what its table does: reads every event back by index, the spilled part of the index included. Prints where
     * the index and the payloads ended up and this process's peak RSS.
     */
    private static void load(Path file) throws IOException {
        long t0 = System.nanoTime();
        var loaded = dev.framescope.capture.io.SessionFiles.load(file,
                dev.framescope.capture.io.SessionFiles.OPEN_BUDGET);
        long events = loaded.logs().stream().mapToLong(CaptureLog::size).sum();
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        CaptureLog first = loaded.logs().get(0);
        long t1 = System.nanoTime();
        long payloadBytes = 0;
        for (CaptureLog log : loaded.logs()) {
            for (int i = 0; i < log.size(); i++) {
                if (log.get(i) instanceof dev.framescope.capture.CaptureEvent.FrameEvent f) {
                    payloadBytes += f.payload().length();
                }
            }
        }
        double readSeconds = (System.nanoTime() - t1) / 1e9;
        // what a table scrolled to random places reads: 40 rows at a time
        java.util.Random random = new java.util.Random(1);
        long[] viewport = new long[1000];
        for (int v = 0; v < viewport.length; v++) {
            int from = random.nextInt(Math.max(1, first.size() - 40));
            long v0 = System.nanoTime();
            first.readFrom(from, 40).forEach(e -> e.seq());
            viewport[v] = System.nanoTime() - v0;
        }
        Arrays.sort(viewport);
        System.out.printf(Locale.ROOT, "a viewport of 40 rows at a random place: median %.0f µs, p99 %.0f µs%n",
                viewport[500] / 1e3, viewport[990] / 1e3);
        System.out.printf(Locale.ROOT, "loaded %s: %,d events in %.1f s, all read back by index in %.1f s (%,d"
                + " payload bytes); budget %,d B: index %,d B and payloads %,d B on the heap, %,d index segments"
                + " and %,d payload bytes spilled; %d problems; %s%n", file, events, loadSeconds, readSeconds,
                payloadBytes, first.payloads().budget().limit(), first.payloads().budget().indexBytes(),
                first.payloads().bytesInMemory(), first.spilledIndexSegments(), first.payloads().bytesSpilled(),
                loaded.problems().size(), peakRss());
        loaded.logs().forEach(CaptureLog::close);
    }

    /** VmHWM of /proc/self/status (Linux), the peak resident set size so far. */
    static String peakRss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                    .findFirst().map(l -> "peak RSS " + l.substring(6).trim()).orElse("peak RSS unknown");
        } catch (IOException e) {
            return "peak RSS unknown";
        }
    }

    /** Streams the file's events and does nothing with them: the reader's own cost (median of 5). */
    private static void read(Path file) throws IOException {
        double[] seconds = new double[5];
        long[] events = new long[1];
        for (int r = 0; r < seconds.length; r++) {
            events[0] = 0;
            long t0 = System.nanoTime();
            dev.framescope.capture.io.SessionFiles.stream(file, new dev.framescope.capture.io.SessionVisitor() {
                @Override
                public CaptureLog connection(long id, com.fasterxml.jackson.databind.JsonNode line) {
                    return dev.framescope.capture.io.SessionFiles.contextLog(id, line);
                }

                @Override
                public void event(CaptureLog log, long nanos,
                                  java.util.function.Function<dev.framescope.capture.Stamp,
                                          dev.framescope.capture.CaptureEvent> event) {
                    if (event.apply(new dev.framescope.capture.Stamp(log.connectionId(), events[0]++, nanos))
                            == null) {
                        throw new IllegalStateException();
                    }
                }

                @Override
                public void problem(dev.framescope.capture.io.SessionReader.LoadProblem problem) {
                }
            });
            seconds[r] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(seconds);
        System.out.printf(Locale.ROOT, "read %s: %,d events, median %.2f s (%,.0f events/s); runs %s%n", file,
                events[0], seconds[2], events[0] / seconds[2], Arrays.toString(seconds));
    }

    private static void report(String name, Path file, CaptureLog log, int frames, int size, int runs, int version)
            throws IOException {
        double[] rates = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            try (SessionOutput out = version == 1 ? new SessionWriter(file, true) : new SessionV2Writer(file, true)) {
                for (int from = 0; from < log.size(); from += 8192) {
                    out.write(log, log.readFrom(from, 8192));
                }
            }
            rates[r] = frames / ((System.nanoTime() - t0) / 1e9);
        }
        Arrays.sort(rates);
        long bytes = Files.size(file);
        System.out.printf(Locale.ROOT, "%s: %,d bytes = payload + %.1f B/frame; written at %,.0f frames/s (median "
                + "of %d; runs %s)%n", name, bytes, (bytes - (double) frames * size) / frames, rates[runs / 2], runs,
                Arrays.toString(Arrays.stream(rates).mapToLong(Math::round).toArray()));
    }

    /** A log of {@code frames} server binary frames of {@code size} bytes, 20 µs apart, recorded as a capture does. */
    static CaptureLog ticker(int frames, int size, long firstIndex) {
        CaptureLog log = new CaptureLog(1, "demo:/ticker?rate=50000&size=" + size, new PayloadStore(256L << 20), 0,
                Instant.parse("2026-12-04T18:00:00Z"));
        StreamDissector dissector = new StreamDissector(Sender.SERVER);
        byte[] payload = new byte[size];
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < frames; i++) {
            long n = firstIndex + i;
            for (int j = 0; j < size; j++) {
                payload[j] = (byte) (n >>> (j % 8 * 8) ^ j);
            }
            batch.writeBytes(FrameEncoder.binary(payload).encode());
            if (batch.size() >= 1 << 16 || i == frames - 1) {
                ByteBuffer in = ByteBuffer.wrap(batch.toByteArray());
                while (in.hasRemaining()) {
                    PlainFrames run = new PlainFrames();
                    if (dissector.takePlainFrames(in, run) == 0) {
                        throw new IllegalStateException("a ticker frame that is not plain");
                    }
                    log.appendPlainFrames(n * 20_000, run);
                }
                batch.reset();
            }
        }
        return log;
    }
}
