package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionReader;
import dev.framescope.probe.SloppyServer;
import dev.framescope.testutil.SharedDemo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code framescope probe} against the demo's echo endpoint: text, JSON, the report directory, exit codes. */
class ProbeCommandTest {

    @TempDir
    Path dir;

    private String echo() {
        return SharedDemo.server().uri("/echo").toString();
    }

    @Test
    void aPassingRunExitsZeroAndWritesAnAutobahnReport() throws Exception {
        Cli cli = new Cli();
        int exit = cli.run("probe", echo(), "--cases", "1.1.*,2.2,6.3.1", "--report", dir.toString(), "--agent",
                "Demo Echo", "--parallel", "2");
        assertEquals(0, exit, cli.out() + cli.err());
        assertTrue(cli.out().contains("The server must echo every message back"), cli.out());
        assertTrue(cli.out().contains(": 10 cases, 2 at a time, 1 Autobahn second = 1000 ms."), cli.out());
        assertTrue(cli.out().contains("10 cases in "), cli.out());
        assertTrue(cli.out().contains("none FAILED in behaviour or close."), cli.out());
        JsonNode index = new ObjectMapper().readTree(dir.resolve("index.json").toFile());
        JsonNode c = index.get("Demo Echo").get("6.3.1");
        assertEquals("OK", c.get("behavior").asText());
        assertEquals("OK", c.get("behaviorClose").asText());
        assertEquals(1007, c.get("remoteCloseCode").asInt());
        assertEquals("demo_echo_case_6_3_1.json", c.get("reportfile").asText());
        assertTrue(c.get("duration").isIntegralNumber(), c.toString());
        assertTrue(Files.exists(dir.resolve("demo_echo_case_6_3_1.json")));
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("id=\"case-6_3_1\""), "a section per case");
        assertTrue(html.contains("<h2>Summary</h2>") && html.contains("<td>6 UTF-8 Handling</td><td>1</td>"),
                "a summary by category");
        String section = html.substring(html.indexOf("id=\"case-6_3_1\""));
        assertTrue(section.contains("<th>Expectation</th><td>"), "its expectation");
        assertTrue(section.contains("<th>The server</th><td>closed with 1007</td>"), "what happened");
        assertTrue(section.contains("<td>→</td><td>TEXT</td>") && section.contains("<td>←</td><td>CLOSE</td>"),
                "its frames both ways");
        SessionReader.Loaded session = SessionFiles.load(dir.resolve("demo_echo_case_6_3_1.fscap"), 1L << 24);
        assertEquals(1, session.logs().size(), "the case's capture opens as a session");
    }

    @Test
    void aFailedCaseExitsOneAndSaysWhatTheServerDid() throws Exception {
        try (SloppyServer sloppy = new SloppyServer()) {
            Cli cli = new Cli();
            int exit = cli.run("probe", sloppy.uri().toString(), "--cases", "6.3.1", "--timeout", "300ms");
            assertEquals(1, exit, cli.out() + cli.err());
            assertTrue(cli.out().contains("  FAILED 6.3.1: sent back text message (20 bytes), then kept the connection "
                    + "open until we dropped it, instead of closing with 1007 [INVALID_UTF8, RFC6455-8.1]"), cli.out());
            assertTrue(cli.out().contains("1 case in ") && cli.out().contains("; 1 case FAILED in behaviour or close (listed above)."), cli.out());
        }
    }

    @Test
    void aServerThatDoesNotEchoExitsOneAndJsonHasAutobahnsLayout() {
        Cli cli = new Cli();
        // /close/1000 closes at once: the upgrade works, the echo check does not.
        int exit = cli.run("probe", SharedDemo.server().uri("/close/1000").toString(), "--cases", "1.1.1");
        assertEquals(1, exit);
        assertTrue(cli.err().contains("does not echo"), cli.err());
        Cli json = new Cli();
        assertEquals(0, json.run("probe", echo(), "--cases", "2.1", "--json"));
        assertTrue(json.out().contains("\"2.1\" : {"), json.out());
        assertTrue(json.out().contains("\"behavior\" : \"OK\""), json.out());
    }

    @Test
    void helpNamesTheDefaultCasesAndTheExitCodes() {
        Cli cli = new Cli();
        assertEquals(0, cli.run("probe", "--help"));
        String help = cli.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("default: 1-7, 10 and our 20.*; 9.*, 12.* and 13.* are slow and run only when named"),
                help);
        assertTrue(help.contains("Exit code: 0 when no case FAILED, 1 when one did"), help);
    }

    @Test
    void aWrongCasePatternIsAnArgumentError() {
        Cli cli = new Cli();
        assertEquals(2, cli.run("probe", echo(), "--cases", "one"));
        assertTrue(cli.err().contains("'one' is not a case pattern"), cli.err());
    }
}
