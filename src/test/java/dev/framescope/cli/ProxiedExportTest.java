package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.io.Exports;
import dev.framescope.capture.io.RelayMarkExportTest;
import dev.framescope.capture.io.RelayMarkFileTest;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionOutput;
import dev.framescope.wire.FrameEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code framescope export} streams a session file: the intercepting proxy's edit and injection are known by the
 * relay marks written before them — left out of pcapng, marked in JSON Lines and HAR —, as in an export of the
 * capture itself.
 */
class ProxiedExportTest {

    @TempDir
    Path dir;

    @Test
    void aStreamedPcapngExportLeavesTheProxysFrameOut() throws Exception {
        String hex = pcapngHex(RelayMarkFileTest.proxied());
        assertTrue(hex.contains(HexFormat.of().formatHex(RelayMarkFileTest.ORIGINAL)), "the app's frame as sent");
        assertFalse(hex.contains(HexFormat.of().formatHex(RelayMarkFileTest.EDIT).substring(0, 12)),
                "not the proxy's edit");
    }

    @Test
    void aStreamedPcapngExportLeavesAnInjectionTowardTheAppOut() throws Exception {
        String hex = pcapngHex(RelayMarkExportTest.proxiedAndInjected());
        assertTrue(hex.contains(HexFormat.of().formatHex(RelayMarkFileTest.ORIGINAL)), "the app's frame as sent");
        assertFalse(hex.contains(HexFormat.of().formatHex(FrameEncoder.text("tick").encode())),
                "not the proxy's injection, though it looks like a plain server frame in the file");
    }

    @ParameterizedTest
    @CsvSource({"1, json", "2, json", "1, har", "2, har", "1, text", "2, text"})
    void aStreamedExportCarriesTheMarksAsTheCapturesOwnExportDoes(int version, String format) throws Exception {
        CaptureLog log = RelayMarkExportTest.proxiedAndInjected();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Exports.write(ExportCommand.Format.valueOf(format).format, List.of(log), true, expected);
        Path file = saved(log, version);
        Path exported = dir.resolve("proxied-v" + version + "." + format);
        Cli cli = new Cli();
        assertEquals(0, cli.run("export", file.toString(), "--to", format, "--out", exported.toString(),
                "--keep-secrets"), cli.err());
        String streamed = Files.readString(exported, StandardCharsets.UTF_8);
        if (format.equals("text")) {
            assertEquals(expected.toString(StandardCharsets.UTF_8), streamed);
            assertTrue(streamed.contains("[edited by you; original: event 0]") && streamed.contains(
                    "[injected by you]") && streamed.contains("was held and replaced by event 3"), streamed);
        } else if (format.equals("json")) {
            assertEquals(expected.toString(StandardCharsets.UTF_8), streamed);
            assertTrue(streamed.contains("\"seq\":8,") && streamed.contains("\"proxy\":{\"mark\":\"injected\"}"),
                    streamed);
        } else {
            ObjectMapper json = new ObjectMapper();
            JsonNode tree = json.readTree(streamed);
            assertEquals(json.readTree(expected.toByteArray()), tree);
            assertEquals(4, tree.path("log").path("entries").get(0).path("_webSocketMessages").get(0)
                    .path("_framescope").path("replacedBy").asLong(-1), "the original, marked after it came");
        }
    }

    @Test
    void inspectNamesTheProxysEditAndInjectionOnTheirFrameLines() throws Exception {
        Path file = saved(RelayMarkExportTest.proxiedAndInjected(), 2);
        Cli cli = new Cli();
        assertEquals(0, cli.run("inspect", file.toString()), cli.err());
        List<String> lines = cli.out().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains("order 2")
                && l.endsWith("[edited by you; original: event 0]")), cli.out());
        assertTrue(lines.stream().anyMatch(l -> l.contains("tick") && l.endsWith("[injected by you]")), cli.out());
        assertTrue(lines.stream().anyMatch(l -> l.contains("was held and replaced by event 3")), cli.out());
    }

    /** {@code log} saved as a version 2 file and exported from it by {@code framescope export --to pcapng}, in hex. */
    private String pcapngHex(CaptureLog log) throws Exception {
        Path file = saved(log, 2);
        Path pcap = dir.resolve("proxied-" + System.nanoTime() + ".pcapng");
        Cli cli = new Cli();
        assertEquals(0, cli.run("export", file.toString(), "--to", "pcapng", "--out", pcap.toString(),
                "--keep-secrets"), cli.err());
        return HexFormat.of().formatHex(Files.readAllBytes(pcap));
    }

    private Path saved(CaptureLog log, int version) throws Exception {
        Path file = dir.resolve("proxied-" + System.nanoTime() + "-v" + version + ".fscap");
        try (SessionOutput out = SessionFiles.create(file, true, version)) {
            out.write(log, log.readFrom(0, log.size()));
        }
        return file;
    }
}
