package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.io.Exports;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionReader;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code export} streams the session file, and writes what the loaded session's export writes, format by format. */
class StreamedExportTest {

    @TempDir
    static Path dir;

    private static Path session;

    @BeforeAll
    static void capture() {
        session = dir.resolve("s.fscap");
        Cli cli = new Cli();
        assertEquals(0, cli.run("capture", dev.framescope.testutil.SharedDemo.server().uri("/echo").toString(), "--send", "one", "--send", "two", "--ping-interval", "50ms",
                "--duration", "300ms", "--out", session.toString()), cli.err());
    }

    @org.junit.jupiter.api.Test
    void importHarStreamsTheEventsHarReadBuilds() throws Exception {
        Path har = dir.resolve("for-import.har");
        Path imported = dir.resolve("imported.fscap");
        Cli cli = new Cli();
        assertEquals(0, cli.run("export", session.toString(), "--to", "har", "--out", har.toString()), cli.err());
        assertEquals(0, cli.run("import-har", har.toString(), "--out", imported.toString()), cli.err());

        dev.framescope.capture.io.Har.Imported expected;
        try (var in = Files.newInputStream(har)) {
            expected = dev.framescope.capture.io.Har.read(in, 1 << 24);
        }
        SessionReader.Loaded loaded = SessionFiles.load(imported, 1 << 24);
        assertEquals(expected.logs().size(), loaded.logs().size());
        CaptureLog a = expected.logs().get(0);
        CaptureLog b = loaded.logs().get(0);
        assertEquals(a.label(), b.label());
        assertEquals(a.size(), b.size());
        org.junit.jupiter.api.Assertions.assertTrue(a.size() > 3, "a note, the handshake and messages");
        for (int i = 0; i < a.size(); i++) {
            assertEquals(dev.framescope.capture.io.SessionJson.toJson(a, a.get(i), true).toString(),
                    dev.framescope.capture.io.SessionJson.toJson(b, b.get(i), true).toString(), "event " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(ExportCommand.Format.class)
    void theStreamedExportIsTheLoadedOne(ExportCommand.Format format) throws Exception {
        SessionReader.Loaded loaded = SessionFiles.load(session, 1 << 24);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Exports.write(format.format, loaded.logs(), false, expected);
        loaded.logs().forEach(CaptureLog::close);

        Path out = dir.resolve("out." + format);
        Cli cli = new Cli();
        assertEquals(0, cli.run("export", session.toString(), "--to", format.name(), "--out", out.toString()),
                cli.err());
        byte[] streamed = Files.readAllBytes(out);
        if (format == ExportCommand.Format.har) {
            ObjectMapper json = new ObjectMapper();
            assertEquals(json.readTree(expected.toByteArray()), json.readTree(streamed));
        } else {
            assertArrayEquals(expected.toByteArray(), streamed, format + " byte for byte");
        }
    }
}
