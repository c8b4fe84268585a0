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
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capture} with auth helpers and variables against the demo endpoint's {@code /headers} scenario, which sends
 * back the request target and header fields the server received: the credentials must reach the server, and stay
 * out of the session file and every export unless kept.
 */
class CaptureAuthTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    /** What the server said it received: the first message it sent, from the --json lines. */
    private JsonNode received(String stdout) throws Exception {
        for (String line : stdout.split("\n")) {
            JsonNode n = MAPPER.readTree(line);
            if (n.path("type").asText().equals("message") && n.path("dir").asText().equals("in")) {
                return MAPPER.readTree(n.path("text").asText());
            }
        }
        throw new AssertionError("no message from the server in:\n" + stdout);
    }

    private JsonNode capture(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("capture", "--json", "--until-close", "--keep-secrets",
                "--out", dir.resolve("c.fscap").toString()));
        args.addAll(List.of(extra));
        assertEquals(0, cli.run(args.toArray(String[]::new)), cli.err());
        return received(cli.out());
    }

    @Test
    void bearerFromASecretVariableReachesTheServer() throws Exception {
        JsonNode got = capture("demo:/headers?close=1000", "--secret", "token=s3cr3t-t0k", "--bearer", "{{token}}");
        assertEquals("Bearer s3cr3t-t0k", got.path("headers").path("Authorization").asText(), got.toString());
    }

    @Test
    void basicIsSentAsBase64() throws Exception {
        JsonNode got = capture("demo:/headers?close=1000", "--basic", "ann:pw:with:colons");
        assertEquals("Basic " + Base64.getEncoder().encodeToString("ann:pw:with:colons".getBytes(
                StandardCharsets.UTF_8)), got.path("headers").path("Authorization").asText());
    }

    @Test
    void apiKeyInAHeaderAndInTheQuery() throws Exception {
        JsonNode header = capture("demo:/headers?close=1000", "--api-key", "X-Demo-Key=k3y");
        assertEquals("k3y", header.path("headers").path("X-Demo-Key").asText(), header.toString());
        cli.out.getBuffer().setLength(0);
        JsonNode query = capture("demo:/headers?a=1&close=1000", "--api-key", "apiKeyParam=k 3y&x@query");
        assertEquals("/headers?a=1&close=1000&apiKeyParam=k%203y%26x", query.path("target").asText());
    }

    @Test
    void cookiesAndVariablesInUrlHeaderAndMessage() throws Exception {
        Path env = dir.resolve("local.properties");
        Files.writeString(env, "path=/headers\nsecret.sid=c00kie\nwho=ann\n");
        assertEquals(0, cli.run("capture", "--json", "--until-close", "--out", dir.resolve("v.fscap").toString(),
                "--keep-secrets", "demo:{{path}}?u={{who}}&close=1000&echoes=1", "--env", env.toString(), "--cookie", "sid={{sid}}", "--header",
                "X-User: {{who}}", "--send", "hello {{who}} \\{{who}}"), cli.err());
        JsonNode got = received(cli.out());
        assertEquals("/headers?u=ann&close=1000&echoes=1", got.path("target").asText());
        assertEquals("sid=c00kie", got.path("headers").path("Cookie").asText());
        assertEquals("ann", got.path("headers").path("X-User").asText());
        assertTrue(cli.out().contains("\"text\":\"hello ann {{who}}\""), cli.out());
    }

    @Test
    void withoutKeepSecretsTheEchoedSecretIsMaskedEvenOnStandardOutput() throws Exception {
        assertEquals(0, cli.run("capture", "--json", "--until-close", "--out", dir.resolve("m.fscap").toString(),
                "demo:/headers?close=1000&echoes=1", "--secret", "sid=c00kie", "--cookie", "sid={{sid}}", "--send", "echo {{sid}}"),
                cli.err());
        JsonNode got = received(cli.out());
        assertEquals("sid=******", got.path("headers").path("Cookie").asText(), got.toString());
        assertTrue(cli.out().contains("\"text\":\"echo ******\""), cli.out());
        assertFalse(cli.out().contains("c00kie"), cli.out());
        assertFalse(SessionText.raw(dir.resolve("m.fscap")).contains("c00kie"));
    }

    @Test
    void anUndefinedVariableStopsBeforeConnectingAndNamesItsPlace() {
        assertEquals(2, cli.run("capture", "demo:/headers?close=1000", "--header", "X-A: {{nope}}", "--out",
                dir.resolve("u.fscap").toString()));
        assertEquals("capture: undefined variable 'nope' used in header X-A\n", cli.err().replace("\r", ""));
        assertFalse(Files.exists(dir.resolve("u.fscap")), "nothing was captured");
        assertEquals(2, cli.run("capture", "demo:/echo", "--send", "x {{later}}"));
        assertTrue(cli.err().contains("undefined variable 'later' used in --send #1"), cli.err());
    }

    @Test
    void aJsonEnvironmentFileWithSecrets() throws Exception {
        Path env = dir.resolve("staging.json");
        Files.writeString(env, "{\"name\":\"staging\",\"variables\":[{\"name\":\"k\",\"value\":\"zz9\","
                + "\"secret\":true}]}");
        JsonNode got = capture("demo:/headers?close=1000", "--env", env.toString(), "--api-key", "X-K={{k}}");
        assertEquals("zz9", got.path("headers").path("X-K").asText());
    }
}
