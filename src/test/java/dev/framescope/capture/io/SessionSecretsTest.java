package dev.framescope.capture.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.Secrets;
import dev.framescope.capture.SetupTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection line's {@code setup} and {@code redact} fields: written, read back, and absent in older files. */
class SessionSecretsTest {

    @TempDir
    Path dir;

    private static final String REQUEST = "GET /x?myKey=v4lue HTTP/1.1\r\nHost: h\r\nX-My-Key: v4lue\r\n"
            + "X-Other: has v4lue inside\r\n\r\n";

    private static CaptureLog log() {
        CaptureLog log = new CaptureLog(1, "ws://h/x?myKey=v4lue", new PayloadStore(1 << 20));
        log.learn(new Secrets(Set.of("X-My-Key"), Set.of("myKey"), Set.of("v4lue")));
        log.setSetup(keep -> Map.of("template", Map.of("url", keep ? "ws://h/x?myKey=v4lue" : "ws://h/x"),
                "note", "mentions v4lue"));
        log.append(log.nanoAnchor() + 1, s -> new CaptureEvent.HandshakeEvent(s,
                REQUEST.getBytes(StandardCharsets.ISO_8859_1), "HTTP/1.1 101 OK\r\n\r\n".getBytes(
                StandardCharsets.ISO_8859_1), new byte[0], 101, "a", Optional.of("a"), Optional.empty(), "", "",
                List.of()));
        log.append(log.nanoAnchor() + 2, s -> new CaptureEvent.NoteEvent(s, dev.framescope.wire.Severity.WARNING,
                "connection error while reading: ws://h/x?myKey=v4lue went away, token v4lue"));
        return log;
    }

    private Path write(CaptureLog log, boolean keep) throws Exception {
        Path file = dir.resolve(keep ? "kept.fscap" : "redacted.fscap");
        try (SessionWriter w = new SessionWriter(file, keep)) {
            w.write(log, log.readFrom(0, log.size()));
        }
        return file;
    }

    @Test
    void withoutSecretsNoValueIsWrittenAnywhereButTheNamesAre() throws Exception {
        Path file = write(log(), false);
        String text = Files.readString(file);
        assertFalse(text.contains("v4lue"), text);
        assertTrue(text.contains("X-My-Key: [redacted]") && text.contains("myKey=[redacted]")
                && text.contains("X-Other: has [redacted] inside"), text);
        CaptureLog back = SessionReader.read(file, 1 << 20).logs().get(0);
        assertEquals(Set.of("x-my-key"), back.secrets().headerNames());
        assertEquals(Set.of(), back.secrets().values());
        assertEquals(Map.of("url", "ws://h/x"), back.setup().tree(true).get("template"));
    }

    @Test
    void keptSecretsReadBackAndStillRedactExports() throws Exception {
        Path file = write(log(), true);
        CaptureLog back = SessionReader.read(file, 1 << 20).logs().get(0);
        assertEquals(Set.of("v4lue"), back.secrets().values());
        assertEquals("mentions v4lue", back.setup().tree(false).get("note"), "a file's setup is as it was saved");
        String json = Exports.eventsAsString(Exports.Format.JSON, back, back.readFrom(0, back.size()), false);
        String text = Exports.eventsAsString(Exports.Format.TEXT, back, back.readFrom(0, back.size()), false);
        assertFalse(text.contains("v4lue"), text);
        assertFalse(json.contains("v4lue"), json);
    }

    @Test
    void aFileWithoutTheNewFieldsLoadsAsBefore() throws Exception {
        Path file = dir.resolve("old.fscap");
        Files.writeString(file, "{\"format\":\"framescope-session\",\"version\":1,\"secretsRedacted\":true}\n"
                + "{\"type\":\"connection\",\"conn\":1,\"label\":\"ws://h/\",\"start\":\"2024-01-01T00:00:00Z\"}\n"
                + "{\"type\":\"state\",\"conn\":1,\"seq\":0,\"t\":0.0,\"state\":\"OPEN\",\"detail\":\"\"}\n");
        SessionReader.Loaded loaded = SessionReader.read(file, 1 << 20);
        assertEquals(List.of(), loaded.problems());
        CaptureLog back = loaded.logs().get(0);
        assertEquals(1, back.size());
        assertEquals(Secrets.NONE, back.secrets());
        assertEquals(Map.of(), back.setup().tree(true));
        assertEquals(SetupTree.NONE.tree(false), back.setup().tree(false));
    }
}
