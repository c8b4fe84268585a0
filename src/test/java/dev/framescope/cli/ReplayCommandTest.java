package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framescope.replay.DemoRecordings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code framescope replay} against the demo: exit codes, the text and JSON reports, and bad input in one line. */
class ReplayCommandTest {

    @TempDir
    Path dir;

    private Path recorded(DemoRecordings.Script script) throws Exception {
        return DemoRecordings.save(script, dir.resolve("recorded.fscap"));
    }

    private static String demo(String path) {
        return DemoRecordings.demo().uri(path).toString();
    }

    @Test
    void jsonRpcStompAndGraphqlReplayedAgainstTheDemoMatch() throws Exception {
        Cli rpc = new Cli();
        assertEquals(0, rpc.run("replay", recorded(DemoRecordings.JSONRPC).toString()), rpc.out() + rpc.err());
        assertTrue(rpc.out().contains(": matches"), rpc.out());
        assertTrue(rpc.out().contains("same 5, changed 0, missing 0, extra 0"), rpc.out());

        Cli stomp = new Cli();
        Path stompFile = DemoRecordings.save(DemoRecordings.STOMP, dir.resolve("stomp.fscap"));
        assertEquals(0, stomp.run("replay", stompFile.toString(), "--ignore", "$.headers.session"),
                stomp.out() + stomp.err());

        Cli graphql = new Cli();
        Path graphqlFile = DemoRecordings.save(DemoRecordings.GRAPHQL, dir.resolve("graphql.fscap"));
        assertEquals(0, graphql.run("replay", graphqlFile.toString(), "--timing", "recorded"),
                graphql.out() + graphql.err());
    }

    @Test
    void aVariantThatChangesOneFieldExitsOneAndTheDiffNamesIt() throws Exception {
        Path file = recorded(DemoRecordings.JSONRPC);
        Path report = dir.resolve("report.json");
        Cli cli = new Cli();
        int code = cli.run("replay", file.toString(), demo("/jsonrpc?notify=0&drift=1"), "--report", report.toString());
        assertEquals(1, code, cli.out() + cli.err());
        assertTrue(cli.out().contains(": differs"), cli.out());
        assertTrue(cli.out().contains("changed recorded #2 (id 1): $.result: 5 → 6"), cli.out());
        JsonNode json = new ObjectMapper().readTree(Files.readString(report, StandardCharsets.UTF_8));
        assertFalse(json.path("matches").asBoolean(true));
        assertEquals(3, json.path("counts").path("changed").asInt());
        assertEquals("$.result", json.path("messages").get(1).path("differences").get(0).path("where").asText());
    }

    @Test
    void exactFramesFromASavedSessionMatchTheDemoAndStillNameTheDrift() throws Exception {
        Path file = recorded(DemoRecordings.JSONRPC);
        Cli same = new Cli();
        assertEquals(0, same.run("replay", file.toString(), "--exact-frames", "--timing", "fast"),
                same.out() + same.err());
        Cli drift = new Cli();
        assertEquals(1, drift.run("replay", file.toString(), demo("/jsonrpc?notify=0&drift=1"), "--exact-frames"),
                drift.out() + drift.err());
        assertTrue(drift.out().contains("changed recorded #2 (id 1): $.result: 5 → 6"), drift.out());
    }

    @Test
    void reorderedAnswersWithTheIdIgnoredMatchAsJson() throws Exception {
        Path file = recorded(DemoRecordings.JSONRPC);
        Cli cli = new Cli();
        int code = cli.run("replay", file.toString(), demo("/jsonrpc?notify=0&reorder=1"), "--ignore", "$.id",
                "--timing", "fast", "--json");
        assertEquals(0, code, cli.out() + cli.err());
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertTrue(json.path("matches").asBoolean());
        assertEquals(5, json.path("counts").path("same").asInt());
    }

    @Test
    void aServerClosingMidReplayIsAProblemAndExitsOne() throws Exception {
        Path file = DemoRecordings.save(new DemoRecordings.Script("/echo", List.of(), List.of("one", "two", "three"),
                3), dir.resolve("echo.fscap"));
        Cli cli = new Cli();
        assertEquals(1, cli.run("replay", file.toString(), demo("/headers?close=4000&echoes=1")), cli.err());
        assertTrue(cli.out().contains("problem: the server ended the connection after"), cli.out());
    }

    @Test
    void aSessionWithoutClientMessagesIsOneClearLine() throws Exception {
        Path file = recorded(new DemoRecordings.Script("/jsonrpc?notify=0", List.of(), List.of(), 1));
        Cli cli = new Cli();
        assertEquals(2, cli.run("replay", file.toString()));
        assertTrue(cli.err().startsWith("replay: connection 1 (" + demo("/jsonrpc?notify=0")
                + ") has no messages from the client to replay (only 1 from the server)"), cli.err());
    }

    @Test
    void aDamagedSessionIsOneClearLine() throws Exception {
        Path file = dir.resolve("damaged.fscap");
        Files.write(file, "FSCAP\u0002 not really a session".getBytes(StandardCharsets.ISO_8859_1));
        Cli cli = new Cli();
        assertEquals(2, cli.run("replay", file.toString()));
        assertTrue(cli.err().startsWith("replay: "), cli.err());
        assertEquals(2, cli.err().lines().count(), cli.err());
        assertFalse(cli.err().contains("Exception"), cli.err());
    }

    @Test
    void aTruncatedSessionReplaysWhatItHoldsAfterSayingWhatWasSkipped() throws Exception {
        Path file = recorded(DemoRecordings.JSONRPC);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 5));
        Cli cli = new Cli();
        int code = cli.run("replay", file.toString(), "--timing", "fast");
        assertTrue(code == 0 || code == 1, cli.out() + cli.err());
        assertFalse(cli.err().contains("Exception"), cli.err());
        assertTrue(cli.out().startsWith("replay of connection 1"), cli.out());
    }

    @Test
    void aHarFileIsNamedAndAHarImportReplaysAtMessageLevel() throws Exception {
        Path har = dir.resolve("capture.har");
        String url = demo("/jsonrpc?notify=0");
        Files.writeString(har, "{\"log\":{\"version\":\"1.2\",\"entries\":[{\"startedDateTime\":"
                + "\"2026-01-01T00:00:00Z\",\"request\":{\"url\":\"" + url + "\",\"headers\":[]},\"response\":{"
                + "\"status\":101,\"headers\":[]},\"_webSocketMessages\":["
                + "{\"type\":\"receive\",\"time\":1767225600.1,\"opcode\":1,\"data\":\"{\\\"jsonrpc\\\":\\\"2.0\\\","
                + "\\\"method\\\":\\\"welcome\\\",\\\"params\\\":{\\\"server\\\":"
                + "\\\"framescope-demo\\\",\\\"methods\\\":"
                + "[\\\"add\\\",\\\"subtract\\\",\\\"echo\\\",\\\"slow\\\",\\\"fail\\\"]}}\"},"
                + "{\"type\":\"send\",\"time\":1767225600.2,\"opcode\":1,\"data\":\"{\\\"jsonrpc\\\":\\\"2.0\\\","
                + "\\\"method\\\":\\\"add\\\",\\\"params\\\":[1,2],\\\"id\\\":7}\"},"
                + "{\"type\":\"receive\",\"time\":1767225600.3,\"opcode\":1,\"data\":\"{\\\"jsonrpc\\\":\\\"2.0\\\","
                + "\\\"result\\\":3,\\\"id\\\":7}\"}]}]}}");
        Cli direct = new Cli();
        assertEquals(2, direct.run("replay", har.toString()));
        assertTrue(direct.err().startsWith("replay: " + har + " is a HAR file: use 'framescope import-har"),
                direct.err());

        Path session = dir.resolve("imported.fscap");
        assertEquals(0, new Cli().run("import-har", har.toString(), "--out", session.toString()));
        Cli cli = new Cli();
        assertEquals(0, cli.run("replay", session.toString()), cli.out() + cli.err());
        assertTrue(cli.out().contains("imported from HAR: messages are replayed, frames are not"), cli.out());
    }

    @Test
    void badOptionsAreOneLineAndExitTwo() throws Exception {
        Path file = recorded(DemoRecordings.JSONRPC);
        Cli timing = new Cli();
        assertEquals(2, timing.run("replay", file.toString(), "--timing", "slow"));
        assertTrue(timing.err().startsWith("replay: --timing is recorded, fast or reactive, not 'slow'"),
                timing.err());
        Cli ignore = new Cli();
        assertEquals(2, ignore.run("replay", file.toString(), "--ignore", "id"));
        assertTrue(ignore.err().startsWith("replay: --ignore: a JSONPath starts with '$'"), ignore.err());
        Cli conn = new Cli();
        assertEquals(2, conn.run("replay", file.toString(), "--conn", "9"));
        assertTrue(conn.err().startsWith("replay: " + file + " has no connection 9; it has 1"), conn.err());
        Cli unreachable = new Cli();
        assertEquals(2, unreachable.run("replay", file.toString(), "ws://127.0.0.1:1/"));
        assertTrue(unreachable.err().startsWith("replay: could not connect to ws://127.0.0.1:1/"), unreachable.err());
    }
}
