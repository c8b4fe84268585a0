package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.io.Exports;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionOutput;
import dev.framescope.capture.io.SessionReader;
import dev.framescope.capture.text.EventText;
import dev.framescope.wire.Dissected;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.PlainFrames;
import dev.framescope.wire.Sender;
import dev.framescope.wire.StreamDissector;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inspect} and {@code export --to json} print plain frames straight from the file's bytes
 * ({@code SessionStream.Handler#plainFrame}); what they print is what the loaded session's events give, byte for
 * byte: escapes, non-ASCII text, binary, every length encoding, times on rounding edges, plain frames between
 * other events, and a second connection.
 */
class PlainFrameOutputTest {

    @TempDir
    static Path dir;

    private static Path session;

    @BeforeAll
    static void write() throws Exception {
        session = dir.resolve("plain.fscap");
        try (SessionOutput out = SessionFiles.create(session, true)) {
            for (CaptureLog log : List.of(log(1), log(2))) {
                out.write(log, log.readFrom(0, log.size()));
                log.close();
            }
        }
    }

    /** Plain runs recorded compactly, with a fragmented message, a ping and a flawed frame between them. */
    private static CaptureLog log(long id) {
        CaptureLog log = new CaptureLog(id, "ws://h/plain" + id, new PayloadStore(1 << 22));
        long t = log.nanoAnchor();
        long[] at = {0, 1, 499_999, 500_000, 500_001, 1_999_500_000L, 12_345_678_901L, 99_999_999_999_999L,
                100_000_000_000_001L};
        Random random = new Random(id);
        for (int round = 0; round < at.length; round++) {
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            frames.writeBytes(FrameEncoder.text("quote \" backslash \\ tab\t nl\n cr\r bell\u0007 del\u007f").encode());
            frames.writeBytes(FrameEncoder.text("héllo wörld ✓ " + "x".repeat(round * 7)).encode());
            frames.writeBytes(FrameEncoder.text("{\"jsonrpc\":\"2.0\",\"id\":" + round + ",\"method\":\"tick\"}")
                    .encode());
            frames.writeBytes(FrameEncoder.text("aGVsbG8gd29ybGQ=").encode());
            frames.writeBytes(FrameEncoder.text("").encode());
            frames.writeBytes(FrameEncoder.text("y".repeat(48)).encode());
            frames.writeBytes(FrameEncoder.text("z".repeat(49 + round * 40)).encode());
            byte[] binary = new byte[new int[] {0, 3, 16, 17, 126, 70_000}[round % 6]];
            random.nextBytes(binary);
            frames.writeBytes(FrameEncoder.binary(binary).encode());
            frames.writeBytes(FrameEncoder.binary("printable".getBytes(StandardCharsets.UTF_8)).encode());
            plain(log, t + at[round], frames.toByteArray());
            dissect(log, t + at[round] + 7, new byte[][] {FrameEncoder.text("frag").fin(false).encode(),
                    FrameEncoder.ping("p".getBytes(StandardCharsets.UTF_8)).encode(), FrameEncoder.frame(dev.framescope.wire.Opcode.CONTINUATION)
                            .payload("ment".getBytes(StandardCharsets.UTF_8)).encode(),
                    FrameEncoder.text("masked by mistake").masked(0x01020304).encode()});
        }
        return log;
    }

    private static void plain(CaptureLog log, long nanos, byte[] bytes) {
        StreamDissector d = new StreamDissector(Sender.SERVER);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        PlainFrames run = new PlainFrames();
        while (in.hasRemaining()) {
            assertTrue(d.takePlainFrames(in, run) > 0, "plain frames");
            log.appendPlainFrames(nanos, run);
        }
    }

    private static void dissect(CaptureLog log, long nanos, byte[][] frames) {
        StreamDissector d = new StreamDissector(Sender.SERVER);
        for (byte[] frame : frames) {
            for (Dissected item : d.feed(frame)) {
                if (item instanceof Dissected.FrameItem f) {
                    log.append(nanos, s -> new CaptureEvent.FrameEvent(s, Direction.IN, f.frame().header(),
                            f.frame().chunkOffset(), f.frame().lastChunk(), log.payloads().store(f.frame().payload()),
                            f.messageOpcode(), java.util.Optional.empty(), f.findings()));
                } else if (item instanceof Dissected.MessageItem m) {
                    log.append(nanos, s -> new CaptureEvent.MessageEvent(s, Direction.IN, m.message()));
                }
            }
        }
    }

    @Test
    void inspectPrintsWhatTheEventsPrint() throws Exception {
        SessionReader.Loaded loaded = SessionFiles.load(session, 1 << 24);
        StringWriter expected = new StringWriter();
        PrintWriter out = new PrintWriter(expected);
        for (CaptureLog log : loaded.logs()) {
            for (CaptureEvent e : log.readFrom(0, log.size())) {
                EventText.line(log, e).ifPresent(out::println);
            }
            out.println();
            EventText.summary(log).forEach(out::println);
            out.println();
            log.close();
        }
        out.flush();
        Cli cli = new Cli();
        assertEquals(0, cli.run("inspect", session.toString()), cli.err());
        assertEquals(expected.toString(), cli.out());
        assertTrue(cli.out().contains("\"héllo wörld ✓ "), "non-ASCII text is in the output");
    }

    @Test
    void exportJsonWritesWhatTheEventsWrite() throws Exception {
        SessionReader.Loaded loaded = SessionFiles.load(session, 1 << 24);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Exports.write(Exports.Format.JSON, loaded.logs(), false, expected);
        loaded.logs().forEach(CaptureLog::close);
        Path out = dir.resolve("out.jsonl");
        Cli cli = new Cli();
        assertEquals(0, cli.run("export", session.toString(), "--to", "json", "--out", out.toString()), cli.err());
        byte[] streamed = Files.readAllBytes(out);
        assertArrayEquals(expected.toByteArray(), streamed);
        assertTrue(new String(streamed, StandardCharsets.UTF_8).contains("\"decoded\":{\"as\":\"jsonrpc\""),
                "payloads are decoded");
    }

    @Test
    void secondsAreFormattedAsTheFormatterDoes() {
        Random random = new Random(15);
        StringWriter fast = new StringWriter();
        StringBuilder slow = new StringBuilder();
        CharLines lines = new CharLines(fast);
        long[] edges = {0, 1, 499_999, 500_000, 500_001, 999_499_999, 999_500_000, 999_999_999, 1_000_000_000,
                9_999_499_999L, 9_999_500_000L, 99_999_999_999_999L, 100_000_000_000_000L, -1, -500_000, 1_500_000,
                1_500_000, 2_500_000, 1_500_000, 1_500_000};
        for (int i = 0; i < 200_000; i++) {
            long n = i < edges.length ? edges[i] : i % 3 == 0 ? random.nextLong(1_000_000_000L)
                    : i % 3 == 1 ? random.nextLong(100_000) * 1_000_000 + 500_000 + random.nextInt(3) - 1
                    : random.nextLong(200_000_000_000_000L);
            lines.seconds(n).append('\n');
            slow.append(String.format(Locale.ROOT, "%9.3f", n / 1e9)).append('\n');
        }
        lines.flush();
        assertEquals(slow.toString(), fast.toString());
    }
}
