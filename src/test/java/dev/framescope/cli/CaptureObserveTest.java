package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.engine.ProtocolMode;
import dev.framescope.engine.io.ConnectionSetup;
import dev.framescope.testutil.SessionText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capture --observe} (issue 14): the session file keeps the mode as {@code setup.options.mode}, the summary and
 * {@code inspect} say it, and a file written before the mode existed reads as Strict.
 */
class CaptureObserveTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    /** The first connection line's {@code setup.options} of a session file of either version. */
    private static JsonNode options(String v1Text) throws Exception {
        for (String line : v1Text.split("\n")) {
            JsonNode node = JSON.readTree(line);
            if (node.has("setup")) {
                return node.path("setup").path("options");
            }
        }
        throw new AssertionError("no connection line with a set-up in\n" + v1Text);
    }

    @Test
    void observeIsKeptInTheSessionFileAndNamedByTheSummaryAndInspect() throws Exception {
        Path session = dir.resolve("observe.fscap");
        assertEquals(0, cli.run("capture", "demo:/echo", "--observe", "--send", "watching", "--duration", "300ms",
                "--out", session.toString()), cli.err() + cli.out());
        assertEquals("observe", options(SessionText.v1(session)).path("mode").asText());
        assertTrue(cli.out().contains("  mode:        Observe: keeps the connection open after server violations"),
                cli.out());

        Cli inspect = new Cli();
        assertEquals(0, inspect.run("inspect", session.toString()), inspect.err());
        assertTrue(inspect.out().contains("  mode:        Observe: keeps the connection open"), inspect.out());
        assertFalse(inspect.out().contains("OBSERVE"), "the mode in words, never the constant: " + inspect.out());
    }

    @Test
    void withoutTheOptionTheCaptureIsStrict() throws Exception {
        Path session = dir.resolve("strict.fscap");
        assertEquals(0, cli.run("capture", "demo:/echo", "--duration", "200ms", "--out", session.toString()),
                cli.err() + cli.out());
        assertEquals("strict", options(SessionText.v1(session)).path("mode").asText());
        assertTrue(cli.out().contains("  mode:        Strict: fails the connection on the first server violation"),
                cli.out());
    }

    /** A file from before issue 14 has options but no mode: it was made by a strict client, and says so. */
    @Test
    void anOlderFileWithoutAModeLoadsAsStrict() throws Exception {
        Path session = dir.resolve("observe.fscap");
        assertEquals(0, cli.run("capture", "demo:/echo", "--observe", "--duration", "200ms", "--out",
                session.toString()), cli.err() + cli.out());
        List<String> older = new ArrayList<>();
        for (String line : SessionText.v1(session).split("\n")) {
            JsonNode node = JSON.readTree(line);
            if (node.path("setup").path("options") instanceof ObjectNode o) {
                o.remove("mode");
            }
            older.add(JSON.writeValueAsString(node));
        }
        Path old = dir.resolve("older.fscap");
        Files.write(old, older);
        assertEquals(1, SessionFiles.version(old), "written as the version-1 files of before the mode");
        assertTrue(options(Files.readString(old)).path("mode").isMissingNode(), "no mode key left");

        Cli inspect = new Cli();
        assertEquals(0, inspect.run("inspect", old.toString()), inspect.err());
        assertTrue(inspect.out().contains("  mode:        Strict: "), inspect.out());
        assertEquals(ProtocolMode.STRICT, ConnectionSetup.read(SessionFiles.load(old, 1 << 20).logs().get(0).setup(), "older")
                .options().mode());
    }
}
