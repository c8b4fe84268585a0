package dev.framescope.capture.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.RelayMark;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.Stamp;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Message;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The intercepting proxy's marks in the JSON Lines and HAR exports: a {@code relay} line per mark and a
 * {@code proxy} member on the proxy's own frames and messages; an {@code _framescope} member on every marked HAR
 * message, read back as relay events by both HAR imports (streamed from a file: {@code cli/ProxiedExportTest}).
 */
public class RelayMarkExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * {@link RelayMarkFileTest#proxied()} and then "tick" injected toward the app (mark 6, frame 7, message 8): an
     * unmasked whole server frame, which a version 2 file hands out as a plain frame.
     */
    public static CaptureLog proxiedAndInjected() {
        CaptureLog log = RelayMarkFileTest.proxied();
        var header = FrameEncoder.text("tick").header();
        byte[] data = "tick".getBytes(StandardCharsets.UTF_8);
        log.appendRun(log.nanoAnchor() + 4, first -> {
            List<Function<Stamp, CaptureEvent>> run = new ArrayList<>();
            run.add(s -> new CaptureEvent.RelayEvent(s, Direction.IN, RelayMark.INJECTED, List.of(first + 1,
                    first + 2), List.of()));
            run.add(s -> new CaptureEvent.FrameEvent(s, Direction.IN, header, 0, true, log.payloads().store(data),
                    Optional.of(Opcode.TEXT), Optional.empty(), List.of()));
            run.add(s -> new CaptureEvent.MessageEvent(s, Direction.IN, new Message(Sender.SERVER, Opcode.TEXT, 0,
                    1, data.length, false, data.length, data, List.of())));
            return run;
        });
        return log;
    }

    @Test
    void jsonLinesNameEachMarkAndMarkTheProxysOwnFrames() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Exports.write(Exports.Format.JSON, List.of(proxiedAndInjected()), true, out);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(JSON.readTree(line));
        }
        assertEquals(9, lines.size(), "every event of the sample has a line");
        for (int seq = 0; seq < lines.size(); seq++) {
            assertEquals(seq, lines.get(seq).path("seq").asLong());
        }
        assertEquals(List.of("frame", "message", "relay", "frame", "message", "relay", "relay", "frame", "message"),
                lines.stream().map(l -> l.path("type").asText()).toList());

        assertRelay(lines.get(2), "out", "edited", "[3,4]", "[0,1]");
        assertRelay(lines.get(5), "out", "replaced", "[0,1]", "[3,4]");
        assertRelay(lines.get(6), "in", "injected", "[7,8]", "[]");

        assertFalse(lines.get(0).has("proxy"), "the original's mark comes after it: its relay line names it");
        assertFalse(lines.get(1).has("proxy"));
        for (int seq : List.of(3, 4)) {
            assertEquals("{\"mark\":\"edited\",\"original\":[0,1]}", lines.get(seq).path("proxy").toString());
            assertEquals("order 2", lines.get(seq).path("text").asText());
        }
        for (int seq : List.of(7, 8)) {
            assertEquals("{\"mark\":\"injected\"}", lines.get(seq).path("proxy").toString());
        }
    }

    private static void assertRelay(JsonNode line, String dir, String mark, String marked, String counterpart) {
        assertEquals(dir, line.path("dir").asText(), line.toString());
        assertEquals(mark, line.path("mark").asText(), line.toString());
        assertEquals(marked, line.path("marked").toString(), line.toString());
        assertEquals(counterpart, line.path("counterpart").toString(), line.toString());
    }

    @Test
    void aSelectionOfTheProxysFramesCarriesTheirMarks() {
        CaptureLog log = proxiedAndInjected();
        String lines = Exports.eventsAsString(Exports.Format.JSON, log, List.of(log.get(3), log.get(0)), true);
        assertTrue(lines.startsWith("{\"type\":\"frame\",\"conn\":1,\"seq\":3,"), lines);
        assertTrue(lines.split("\n")[0].endsWith(",\"proxy\":{\"mark\":\"edited\",\"original\":[0,1]}}"), lines);
        assertFalse(lines.split("\n")[1].contains("\"proxy\""), lines);
    }

    @Test
    void harMarksEveryMarkedMessageAndBothImportsReadTheMarksBack() throws Exception {
        ByteArrayOutputStream har = new ByteArrayOutputStream();
        Exports.write(Exports.Format.HAR, List.of(proxiedAndInjected()), true, har);
        JsonNode messages = JSON.readTree(har.toByteArray()).path("log").path("entries").get(0)
                .path("_webSocketMessages");
        assertEquals(3, messages.size(), "the original, its edit and the injection: nothing left out");
        assertMessage(messages.get(0), "send", "order 1", "{\"seq\":1,\"mark\":\"replaced\",\"replacedBy\":4}");
        assertMessage(messages.get(1), "send", "order 2", "{\"seq\":4,\"mark\":\"edited\",\"original\":1}");
        assertMessage(messages.get(2), "receive", "tick", "{\"seq\":8,\"mark\":\"injected\"}");

        Har.Imported imported = Har.read(new ByteArrayInputStream(har.toByteArray()), 1 << 20);
        assertEquals(List.of(), imported.problems());
        CaptureLog read = imported.logs().get(0);
        assertImportedMarks(read);

        Path file = dir.resolve("imported.fscap");
        try (SessionOutput out = SessionFiles.create(file, true, 2)) {
            assertEquals(1, HarImport.read(new ByteArrayInputStream(har.toByteArray()), out).connections());
        }
        CaptureLog streamed = SessionFiles.load(file, 1 << 20).logs().get(0);
        assertImportedMarks(streamed);
        assertEquals(read.size(), streamed.size());
        for (int i = 0; i < read.size(); i++) {
            assertEquals(SessionJson.toJson(read, read.get(i), true).toString(),
                    SessionJson.toJson(streamed, streamed.get(i), true).toString(), "event " + i);
        }
    }

    private static void assertMessage(JsonNode m, String type, String data, String ours) {
        assertEquals(type, m.path("type").asText());
        assertEquals(data, m.path("data").asText());
        assertEquals(ours, m.path("_framescope").toString());
    }

    /** A note and the handshake (0, 1), the three messages (2, 3, 4), then their marks. */
    private static void assertImportedMarks(CaptureLog log) {
        assertEquals(Optional.of(RelayMark.REPLACED), log.relayMark(2).map(CaptureEvent.RelayEvent::mark));
        assertEquals(Optional.of(List.of(3L)), log.relayMark(2).map(CaptureEvent.RelayEvent::counterpart));
        assertEquals(Optional.of(RelayMark.EDITED), log.relayMark(3).map(CaptureEvent.RelayEvent::mark));
        assertEquals(Optional.of(List.of(2L)), log.relayMark(3).map(CaptureEvent.RelayEvent::counterpart));
        assertEquals(Optional.of(RelayMark.INJECTED), log.relayMark(4).map(CaptureEvent.RelayEvent::mark));
        assertEquals(Direction.IN, log.relayMark(4).orElseThrow().dir());
        assertEquals(8, log.size(), "five events and three marks");
    }

    @Test
    void aHarMarkThatIsNotOursIsIgnoredAndItsMessageImported() throws Exception {
        String har = "{\"log\":{\"entries\":[{\"request\":{\"url\":\"ws://h/\"},\"_webSocketMessages\":["
                + "{\"type\":\"send\",\"time\":0,\"opcode\":1,\"data\":\"a\","
                + "\"_framescope\":{\"mark\":\"teleported\"}},"
                + "{\"type\":\"send\",\"time\":0,\"opcode\":1,\"data\":\"b\",\"_framescope\":\"edited\"}]}]}}";
        Har.Imported imported = Har.read(new ByteArrayInputStream(har.getBytes(StandardCharsets.UTF_8)), 1 << 20);
        CaptureLog log = imported.logs().get(0);
        assertEquals(4, log.size(), "a note, the handshake and both messages");
        assertFalse(log.hasRelayMarks());
    }
}
