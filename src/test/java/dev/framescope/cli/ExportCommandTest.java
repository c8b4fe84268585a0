package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export} to every format from a real capture, secrets redacted unless asked, and {@code import-har} back. */
class ExportCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private Path session;

    @BeforeEach
    void captureWithSecretsKept() {
        session = dir.resolve("s.fscap");
        Cli cli = new Cli();
        assertEquals(0, cli.run("capture", "demo:/echo?token=qu3ry", "--send", "hello export", "--duration", "400ms",
                "--header", "Authorization: Bearer t0k3n", "--keep-secrets", "--out", session.toString()), cli.err());
    }

    private String export(String format, boolean keepSecrets) throws Exception {
        Path out = dir.resolve("out-" + format + (keepSecrets ? "-kept" : ""));
        Cli cli = new Cli();
        List<String> args = new java.util.ArrayList<>(List.of("export", session.toString(), "--to", format, "--out",
                out.toString()));
        if (keepSecrets) {
            args.add("--keep-secrets");
        }
        assertEquals(0, cli.run(args.toArray(String[]::new)), cli.err());
        assertTrue(cli.out().contains("wrote " + out), cli.out());
        return new String(Files.readAllBytes(out), format.equals("pcapng") ? StandardCharsets.ISO_8859_1
                : StandardCharsets.UTF_8);
    }

    @Test
    void everyFormatHoldsTheConversationAndNoSecrets() throws Exception {
        String pcap = export("pcapng", false);
        assertTrue(pcap.startsWith("\n\r\r\n"), "a pcapng section header block");
        String har = export("har", false);
        JsonNode entry = MAPPER.readTree(har).path("log").path("entries").get(0);
        assertEquals("websocket", entry.path("_resourceType").asText());
        assertTrue(entry.path("_webSocketMessages").toString().contains("hello export"), har);
        String json = export("json", false);
        List<JsonNode> lines = json.lines().map(l -> {
            try {
                return MAPPER.readTree(l);
            } catch (java.io.IOException e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertTrue(lines.stream().allMatch(n -> List.of("frame", "message").contains(n.path("type").asText())), json);
        assertTrue(lines.stream().anyMatch(n -> n.path("dir").asText().equals("in")
                && n.path("type").asText().equals("frame") && n.path("opcode").asInt() == 1));
        String text = export("text", false);
        assertTrue(text.contains("← TEXT   F --- -     12 (7)  \"hello export\""), text);
        assertTrue(text.contains("GET /echo?token=[redacted]"), text);
        for (String out : List.of(pcap, har, json, text)) {
            assertFalse(out.contains("t0k3n") || out.contains("qu3ry"), "a secret leaked: " + out);
        }
    }

    @Test
    void keepSecretsKeepsThem() throws Exception {
        assertTrue(export("pcapng", true).contains("Authorization: Bearer t0k3n"));
        assertTrue(export("text", true).contains("token=qu3ry"));
        assertTrue(export("har", true).contains("t0k3n"));
    }

    @Test
    void harImportGivesMessageLevelConnections() throws Exception {
        String har = export("har", false);
        Path harFile = dir.resolve("browser.har");
        Files.writeString(harFile, har);
        Path imported = dir.resolve("imported.fscap");
        Cli cli = new Cli();
        assertEquals(0, cli.run("import-har", harFile.toString(), "--out", imported.toString()), cli.err());
        Cli inspect = new Cli();
        assertEquals(0, inspect.run("inspect", imported.toString()), inspect.err());
        assertTrue(inspect.out().contains("message-level, no frame headers") && inspect.out().contains("hello export"),
                inspect.out());
    }

    @Test
    void anUnreadableSessionIsExitTwoWithTheReason() {
        Cli cli = new Cli();
        assertEquals(2, cli.run("export", dir.resolve("missing.fscap").toString(), "--to", "json", "--out",
                dir.resolve("x").toString()));
        assertTrue(cli.err().startsWith("export: "), cli.err());
    }
}
