package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.io.PcapngWriter;
import dev.framescope.demo.DemoServer;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.SharedDemo;
import dev.framescope.wire.Opcode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our pcapng export opened by Wireshark's own dissector (tshark): for every WebSocket frame of real captured traffic
 * (masked client frames, 7/16/64-bit lengths, fragments, control frames, permessage-deflate both ways, close) tshark's
 * FIN, RSV, opcode, MASK, masking key and payload length must equal ours, and its inflated texts must equal ours.
 * tshark is a Debian package that {@code .ci/run} installs; without it this test fails and says how to get it.
 */
class TsharkInteropTest {

    private static final DemoServer demo = SharedDemo.server();
    private static String tshark;

    @BeforeAll
    static void findTshark() {
        tshark = List.of("/usr/bin/tshark", "/usr/local/bin/tshark").stream().filter(p -> Files.isExecutable(Path.of(p)))
                .findFirst().orElseThrow(() -> new AssertionError("tshark not found: install it with "
                        + "`sudo apt-get install -y tshark` (the CI script .ci/run does this)"));
    }

    /** One frame as both tools describe it. */
    record Header(int fin, int rsv, int opcode, int mask, String key, long length) {
    }

    @Test
    void tsharkDecodesEveryFrameOfOurExportAsWeDo(@TempDir Path dir) throws Exception {
        List<CaptureLog> logs = new ArrayList<>();
        logs.add(capture(ConnectionSpec.to(demo.uri("/echo")), c -> {
            c.sendText("hello");
            c.sendText("x".repeat(300));
            c.sendBinary(new byte[70_000]);
            c.ping("are you there".getBytes(StandardCharsets.UTF_8));
            c.sendFragmented(Opcode.TEXT, "three fragments here".getBytes(StandardCharsets.UTF_8), 3);
        }, log -> Captures.texts(log, Direction.IN).contains("three fragments here")));
        logs.add(capture(ConnectionSpec.to(demo.uri("/compressed")).withExtensionOffers(List.of("permessage-deflate")),
                c -> c.sendText("compressed from the client side, compressed from the client side"),
                log -> Captures.texts(log, Direction.IN).size() >= 3));
        logs.add(capture(ConnectionSpec.to(demo.uri("/fragmented")), c -> { },
                log -> Captures.events(log, CaptureEvent.MessageEvent.class).stream()
                        .filter(m -> m.dir() == Direction.IN).count() >= 2));

        Path pcap = dir.resolve("capture.pcapng");
        try (OutputStream out = Files.newOutputStream(pcap)) {
            new PcapngWriter(out, false).write(logs);
        }
        List<String[]> rows = tshark(pcap, dir, "tcp.stream", "websocket.fin", "websocket.rsv", "websocket.opcode",
                "websocket.mask", "websocket.masking_key", "websocket.payload_length", "websocket.payload_length_ext_16",
                "websocket.payload_length_ext_64");
        for (int stream = 0; stream < logs.size(); stream++) {
            List<Header> ours = ours(logs.get(stream));
            List<Header> theirs = theirs(rows, stream);
            assertEquals(ours, theirs, "connection " + logs.get(stream).label() + ": tshark vs ours");
            assertTrue(ours.size() >= 4, "a real conversation: " + ours.size() + " frames");
        }

        List<String> inflated = new ArrayList<>();
        for (String[] row : tshark(pcap, dir, "tcp.stream", "websocket.payload.text")) {
            if (row[0].equals("1") && row.length > 1 && !row[1].isEmpty()) {
                inflated.addAll(Arrays.asList(row[1].split("\u0001", -1)));
            }
        }
        List<String> ourTexts = new ArrayList<>(Captures.texts(logs.get(1), Direction.OUT));
        ourTexts.addAll(Captures.texts(logs.get(1), Direction.IN));
        assertTrue(ourTexts.size() >= 4, ourTexts.toString());
        assertEquals(ourTexts.stream().sorted().toList(), inflated.stream().sorted().toList(),
                "tshark inflates the permessage-deflate messages to the same texts");
    }

    private interface Traffic {
        void send(Connection c);
    }

    private static CaptureLog capture(ConnectionSpec spec, Traffic traffic,
                                      java.util.function.Predicate<CaptureLog> done) throws Exception {
        Connection c = Captures.openAndAwait(spec);
        traffic.send(c);
        Await.until(() -> done.test(c.log()), "traffic on " + spec.uri());
        Captures.closeAndAwait(c);
        return c.log();
    }

    private static List<Header> ours(CaptureLog log) {
        return log.readFrom(0, log.size()).stream().filter(CaptureEvent.FrameEvent.class::isInstance)
                .map(CaptureEvent.FrameEvent.class::cast).filter(f -> f.chunkOffset() == 0).map(f -> {
                    var h = f.header();
                    int rsv = (h.rsv1() ? 4 : 0) | (h.rsv2() ? 2 : 0) | (h.rsv3() ? 1 : 0);
                    String key = h.maskingKeyHex().orElse("");
                    return new Header(h.fin() ? 1 : 0, rsv, h.opcode().code(), h.masked() ? 1 : 0, key, h.payloadLength());
                }).toList();
    }

    private static List<Header> theirs(List<String[]> rows, int stream) {
        List<Header> out = new ArrayList<>();
        for (String[] row : rows) {
            if (!row[0].equals(String.valueOf(stream)) || row.length < 9 || row[3].isEmpty()) {
                continue;
            }
            String[][] f = new String[9][];
            for (int i = 1; i < 9; i++) {
                f[i] = row[i].split("\u0001", -1);
            }
            int e16 = 0;
            int e64 = 0;
            for (int k = 0; k < f[1].length; k++) {
                long n = Long.parseLong(f[6][k]);
                if (n == 126) {
                    n = Long.parseLong(f[7][e16++]);
                } else if (n == 127) {
                    n = Long.parseLong(f[8][e64++]);
                }
                int mask = Boolean.parseBoolean(f[4][k]) || f[4][k].equals("1") ? 1 : 0;
                String key = mask == 1 ? f[5][countBefore(f[4], k)].replace(":", "") : "";
                out.add(new Header(Boolean.parseBoolean(f[1][k]) || f[1][k].equals("1") ? 1 : 0,
                        Integer.decode(f[2][k]), Integer.decode(f[3][k]), mask, key, n));
            }
        }
        return out;
    }

    /** Masking keys appear only for masked frames: the index of frame k's key among the packet's keys. */
    private static int countBefore(String[] masks, int k) {
        int n = 0;
        for (int i = 0; i < k; i++) {
            if (Boolean.parseBoolean(masks[i]) || masks[i].equals("1")) {
                n++;
            }
        }
        return n;
    }

    /** Runs tshark over the file and returns one row of tab-separated fields per packet (multiple values: \u0001). */
    private static List<String[]> tshark(Path pcap, Path dir, String... fields) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(tshark, "-n", "-r", pcap.toString(), "-Y", "websocket", "-T",
                "fields", "-E", "separator=/t", "-E", "aggregator=\u0001", "-E", "occurrence=a"));
        for (String f : fields) {
            command.add("-e");
            command.add(f);
        }
        Path out = dir.resolve("tshark.out");
        Path err = dir.resolve("tshark.err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark finished");
        assertEquals(0, p.exitValue(), () -> "tshark failed: " + read(err));
        return Files.readAllLines(out, StandardCharsets.UTF_8).stream().map(l -> l.split("\t", -1)).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
