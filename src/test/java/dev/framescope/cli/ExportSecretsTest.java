package dev.framescope.cli;

import dev.framescope.testutil.SessionText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secrets of auth helpers and secret variables — an API key under a header name and a query parameter name the
 * redactor does not know by default, a secret variable's value echoed in a message — are redacted in the session
 * file and every export format, also when exporting a session that was saved with secrets kept.
 */
class ExportSecretsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> SECRETS = List.of("hdr-K3Y-77", "qry-K3Y-88", "msg-S3CR3T-99");

    @TempDir
    Path dir;

    private Path capture(boolean keepSecrets, String name) {
        Path session = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("capture", "demo:/headers?close=1000&echoes=1&plain=q{{q}}",
                "--until-close", "--secret", "hk=hdr-K3Y-77", "--secret", "q=qry-K3Y-88", "--secret",
                "m=msg-S3CR3T-99", "--header", "X-Custom-Key: {{hk}}", "--api-key", "customParam={{q}}@query",
                "--send", "my secret is {{m}}", "--out", session.toString()));
        if (keepSecrets) {
            args.add("--keep-secrets");
        }
        Cli cli = new Cli();
        assertEquals(0, cli.run(args.toArray(String[]::new)), cli.err());
        return session;
    }

    private String export(Path session, String format, boolean keepSecrets) throws Exception {
        Path out = dir.resolve(session.getFileName() + "." + format + (keepSecrets ? ".kept" : ""));
        List<String> args = new ArrayList<>(List.of("export", session.toString(), "--to", format, "--out",
                out.toString()));
        if (keepSecrets) {
            args.add("--keep-secrets");
        }
        Cli cli = new Cli();
        assertEquals(0, cli.run(args.toArray(String[]::new)), cli.err());
        return new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1);
    }

    private static void assertNoSecret(String what, String text) {
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), "'" + secret + "' leaked into " + what + ":\n" + text);
        }
    }

    @Test
    void aSessionSavedWithoutSecretsHoldsNoneAndKeepsTheTemplate() throws Exception {
        Path session = capture(false, "redacted.fscap");
        String saved = SessionText.v1(session);
        assertNoSecret("the session file", saved);
        assertNoSecret("the session file's bytes", SessionText.raw(session));
        assertTrue(saved.contains("X-Custom-Key: [redacted]"), saved);
        assertTrue(saved.contains("customParam=[redacted]"), saved);
        JsonNode connection = MAPPER.readTree(saved.lines().skip(1).findFirst().orElseThrow());
        assertEquals("connection", connection.path("type").asText());
        JsonNode template = connection.path("setup").path("template");
        assertEquals("X-Custom-Key", template.path("headers").get(0).path("name").asText(), connection.toString());
        assertEquals("{{hk}}", template.path("headers").get(0).path("value").asText());
        assertEquals("{{q}}", template.path("auth").path("value").asText(), "a reference is not itself a secret");
        JsonNode vars = connection.path("setup").path("environment").path("variables");
        assertTrue(vars.toString().contains("\"name\":\"hk\"") && !vars.get(0).has("value"), vars.toString());
        for (String format : List.of("pcapng", "har", "json", "text")) {
            assertNoSecret(format, export(session, format, false));
        }
    }

    @Test
    void exportingASessionSavedWithSecretsStillRedactsThemUnlessKept() throws Exception {
        Path session = capture(true, "kept.fscap");
        String saved = SessionText.v1(session);
        for (String secret : SECRETS) {
            assertTrue(saved.contains(secret), "kept in the session file: " + secret);
        }
        for (String format : List.of("pcapng", "har", "json", "text")) {
            String redacted = export(session, format, false);
            assertNoSecret(format, redacted);
            if (format.equals("har") || format.equals("json")) {
                assertTrue(redacted.contains("my secret is " + "*".repeat("msg-S3CR3T-99".length())), format + ": " + redacted);
            } else if (format.equals("text")) {
                assertTrue(redacted.contains("\"my secret is [redacted]\""), redacted);
            }
        }
        assertTrue(export(session, "har", true).contains("hdr-K3Y-77"));
        assertTrue(export(session, "text", true).contains("qry-K3Y-88"));
        String pcap = export(session, "pcapng", false);
        assertTrue(pcap.contains("X-Custom-Key: [redacted]") && pcap.contains("customParam=[redacted]"), pcap);
    }
}
