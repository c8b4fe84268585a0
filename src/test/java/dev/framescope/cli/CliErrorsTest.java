package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.io.FileKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every argument error is one line that names the problem (and the fix), then one line pointing at --help: never the
 * usage text, never a Java exception's name (issue 13, point 8).
 */
class CliErrorsTest {

    @TempDir
    Path dir;

    /** Runs the command, expects exit code 2, and returns stderr's lines after checking the hint line. */
    private static List<String> badArguments(String command, String... args) {
        Cli cli = new Cli();
        assertEquals(2, cli.run(args), cli.err());
        List<String> lines = cli.err().replace("\r", "").lines().toList();
        assertEquals("Try 'framescope " + command + " --help' for usage.", lines.get(lines.size() - 1), cli.err());
        assertTrue(lines.size() <= 3, "a problem line and a hint, not the usage text: " + cli.err());
        assertFalse(cli.err().contains("Exception"), cli.err());
        assertFalse(cli.err().contains("Usage:"), cli.err());
        assertTrue(cli.out().isEmpty(), cli.out());
        return lines;
    }

    @Test
    void missingFileIsNamedWithNoSuchFile() {
        assertEquals("inspect: cannot read nope.fscap: no such file", badArguments("inspect", "inspect", "nope.fscap")
                .get(0));
        assertEquals("export: cannot read nope.fscap: no such file", badArguments("export", "export", "nope.fscap",
                "--to", "json", "--out", dir.resolve("o.json").toString()).get(0));
    }

    @Test
    void aMissingSessionFileAloneIsNamedToo() {
        Cli cli = new Cli();
        assertEquals(2, cli.run("gone.fscap"));
        assertEquals("framescope: cannot read gone.fscap: no such file\nTry 'framescope --help' for usage.\n",
                cli.err().replace("\r", ""));
    }

    @Test
    void directoryIsNamedWithItsPath() {
        assertEquals("inspect: cannot read " + dir.toAbsolutePath() + ": it is a directory, not a file",
                badArguments("inspect", "inspect", dir.toString()).get(0));
        assertEquals("import-har: cannot read " + dir.toAbsolutePath() + ": it is a directory, not a file",
                badArguments("import-har", "import-har", dir.toString(), "--out", dir.resolve("o.fscap").toString())
                        .get(0));
        assertEquals("convert: cannot read nope.fscap: no such file",
                badArguments("convert", "convert", "nope.fscap", dir.resolve("o.fscap").toString()).get(0));
        assertFalse(Files.exists(dir.resolve("o.fscap")), "no output for a missing input");
    }

    @Test
    void pcapngAndPcapPointAtWireshark() throws Exception {
        Path pcapng = dir.resolve("x.pcapng");
        Files.write(pcapng, new byte[] {0x0A, 0x0D, 0x0D, 0x0A, 0x1c, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a});
        String line = badArguments("inspect", "inspect", pcapng.toString()).get(0);
        assertTrue(line.startsWith("inspect: " + pcapng + " is a pcapng capture: "), line);
        assertTrue(line.contains("open it in Wireshark"), line);
        Path pcap = dir.resolve("y.pcap");
        Files.write(pcap, new byte[] {(byte) 0xD4, (byte) 0xC3, (byte) 0xB2, (byte) 0xA1, 2, 0, 4, 0});
        String pcapLine = badArguments("export", "export", pcap.toString(), "--to", "json", "--out",
                dir.resolve("o").toString()).get(0);
        assertTrue(pcapLine.startsWith("export: " + pcap + " is a pcap capture: "), pcapLine);
    }

    @Test
    void harGivenToInspectPointsAtImportHar() throws Exception {
        Path har = dir.resolve("x.har");
        Files.writeString(har, "{\n  \"log\": {\"version\": \"1.2\", \"entries\": []}}\n");
        assertEquals("inspect: " + har + " is a HAR file: use 'framescope import-har " + har + " --out SESSION.fscap'",
                badArguments("inspect", "inspect", har.toString()).get(0));
    }

    @Test
    void randomBinaryIsNotASessionFileInsteadOfInputLength() throws Exception {
        Path binary = dir.resolve("random.fscap");
        byte[] bytes = new byte[2048];
        new Random(13).nextBytes(bytes);
        bytes[0] = (byte) 0xC3; // not a magic we know, and not UTF-8 text
        bytes[1] = (byte) 0x28;
        Files.write(binary, bytes);
        String line = badArguments("inspect", "inspect", binary.toString()).get(0);
        assertEquals("inspect: " + binary + " is not a Framescope session file: it holds binary data, and a session "
                + "file is JSON Lines text", line);
    }

    @Test
    void badUtf8InAVersion1FileCostsOnlyItsLine() throws Exception {
        Path session = dir.resolve("s.fscap");
        Cli capture = new Cli();
        assertEquals(0, capture.run("capture", "demo:/echo", "--send", "kept", "--duration", "1s", "--out",
                session.toString()), capture.err());
        assertTrue(capture.out().contains("kept"), capture.out());
        Path v1 = dir.resolve("v1.fscap");
        Cli convert = new Cli();
        assertEquals(0, convert.run("convert", session.toString(), v1.toString(), "--to", "1"), convert.err());
        session = v1;
        byte[] good = Files.readAllBytes(session);
        Files.write(v1.resolveSibling("good.fscap"), good);
        byte[] damaged = Arrays.copyOf(good, good.length + 3);
        damaged[good.length] = (byte) 0xFF;
        damaged[good.length + 1] = (byte) 0xFE;
        damaged[good.length + 2] = '\n';
        byte[] again = Arrays.copyOf(damaged, damaged.length + good.length - firstLineLength(good));
        System.arraycopy(good, firstLineLength(good), again, damaged.length, good.length - firstLineLength(good));
        damaged = again;
        Files.write(session, damaged);
        Cli cli = new Cli();
        assertEquals(1, cli.run("inspect", session.toString()), cli.err());
        assertTrue(cli.out().contains("kept"), cli.out());
        assertTrue(cli.err().contains("not UTF-8 text"), cli.err());
        assertEquals(1, cli.err().lines().filter(l -> l.contains("inspect:")).count(), "only the bad line: " + cli.err());
        Cli before = new Cli();
        assertEquals(0, before.run("inspect", v1.resolveSibling("good.fscap").toString()), before.err());
        assertEquals(2 * occurrences(before.out(), "kept"), occurrences(cli.out(), "kept"),
                "the lines after the bad one load too: " + cli.out());
    }

    private static long occurrences(String text, String word) {
        return (text.length() - text.replace(word, "").length()) / word.length();
    }

    private static int firstLineLength(byte[] file) {
        int n = 0;
        while (file[n] != '\n') {
            n++;
        }
        return n + 1;
    }

    @Test
    void durationWithoutUnitNamesTheUnits() {
        assertEquals("capture: --duration needs a unit: 5s, 500ms, 2m",
                badArguments("capture", "capture", "demo:/echo", "--duration", "5").get(0));
        assertEquals("capture: --ping-interval is a duration such as 5s, 500ms or 2m, not 'soon'",
                badArguments("capture", "capture", "demo:/echo", "--ping-interval", "soon").get(0));
    }

    @Test
    void portTypoIsAboutThePort() {
        String line = badArguments("capture", "capture", "ws://127.0.0.1:91o1/", "--duration", "1s").get(0);
        assertEquals("capture: the port '91o1' in 'ws://127.0.0.1:91o1/' is not a number (1-65535)", line);
    }

    @Test
    void unknownOptionAndMissingParameterAreOneLineEach() {
        List<String> unknown = badArguments("capture", "capture", "demo:/echo", "--durration", "1s");
        assertTrue(unknown.get(0).startsWith("capture: Unknown option"), unknown.toString());
        List<String> missing = badArguments("export", "export", "s.fscap", "--to", "json");
        assertTrue(missing.get(0).contains("--out"), missing.toString());
        List<String> format = badArguments("export", "export", "s.fscap", "--to", "pdf", "--out", "x");
        assertTrue(format.get(0).startsWith("export: --to: expected one of [pcapng, har, json, text]"),
                format.toString());
    }

    @Test
    void wssToAPlainHttpPortSuggestsWs() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answerWithPlainHttp(plain), "plain-http");
            server.start();
            String authority = "127.0.0.1:" + plain.getLocalPort();
            Cli cli = new Cli();
            assertEquals(1, cli.run("capture", "wss://" + authority + "/", "--out", dir.resolve("t.fscap").toString()),
                    cli.err());
            assertTrue(cli.err().contains("capture: TLS: handshake failed: the server spoke plain HTTP, not TLS — try "
                    + "ws://" + authority), cli.err());
            server.join(10_000);
        }
    }

    @Test
    void aClosedPortSaysNothingListensThere() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Cli cli = new Cli();
        assertEquals(1, cli.run("capture", "ws://127.0.0.1:" + port + "/", "--out", dir.resolve("c.fscap").toString()),
                cli.err());
        assertTrue(cli.err().contains("capture: TCP: connection refused — nothing listens on 127.0.0.1:" + port),
                cli.err());
    }

    @Test
    void aCaptureThatEndsBeforeTheUpgradeFails() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli cli = new Cli();
            assertEquals(1, cli.run("capture", "ws://127.0.0.1:" + silent.getLocalPort() + "/", "--duration", "300ms",
                    "--out", dir.resolve("s.fscap").toString()), cli.err());
            // The driver ends the attempt at the handshake timeout; the capture waits for the upgrade on top of its
            // duration, so the user reads why it failed rather than that the time ran out.
            assertTrue(cli.err().contains("capture: upgrade failed: no upgrade response within 10000 ms"), cli.err());
        }
    }

    /** What any HTTP server says to a TLS ClientHello: a plain-text 400. */
    private static void answerWithPlainHttp(ServerSocket server) {
        try (Socket s = server.accept()) {
            s.getInputStream().read(new byte[512]);
            s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the test's assertion on the client side says what went wrong
        }
    }

    @Test
    void exportOutHasHelpText() {
        Cli cli = new Cli();
        assertEquals(0, cli.run("export", "--help"));
        String out = cli.out();
        String outLine = out.lines().filter(l -> l.contains("--out=OUT")).findFirst().orElse("");
        assertTrue(outLine.replace("--out=OUT", "").trim().length() > 10, "describes --out: " + out);
    }

    @Test
    void versionIsTheBuiltVersionNotDev() {
        Cli cli = new Cli();
        assertEquals(0, cli.run("--version"));
        String version = cli.out().trim();
        assertTrue(version.matches("framescope \\d+\\.\\d+\\.\\d+.*"), version);
    }

    @Test
    void fileKindsFromMagic() {
        assertEquals(FileKind.TEXT,
                FileKind.of("{\"format\":\"framescope-session\"}\n".getBytes(
                        StandardCharsets.UTF_8)));
        assertEquals(FileKind.PCAP,
                FileKind.of(new byte[] {(byte) 0xA1, (byte) 0xB2, 0x3C, 0x4D}));
        // a UTF-8 character cut by the 4 KiB limit is still text
        assertEquals(FileKind.TEXT,
                FileKind.of(new byte[] {'a', (byte) 0xC3}));
    }
}
