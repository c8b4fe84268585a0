package dev.framescope.capture.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.PayloadStore;
import dev.framescope.wire.Message;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HarTest {

    private static CaptureLog sample() {
        CaptureLog log = new CaptureLog(1, "wss://api.example/feed?access_token=s3cr3t", new PayloadStore(1 << 20));
        long t = log.nanoAnchor();
        log.append(t + 1_000_000, s -> new CaptureEvent.HandshakeEvent(s,
                "GET /feed HTTP/1.1\r\nHost: api.example\r\nCookie: sid=42\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
                new byte[0], 101, "x", Optional.of("x"), Optional.empty(), "", "", List.of()));
        log.append(t + 2_000_000, s -> new CaptureEvent.MessageEvent(s, Direction.OUT, new Message(Sender.CLIENT,
                Opcode.TEXT, 0, 1, 5, false, 5, "hello".getBytes(StandardCharsets.UTF_8), List.of())));
        log.append(t + 3_000_000, s -> new CaptureEvent.MessageEvent(s, Direction.IN, new Message(Sender.SERVER,
                Opcode.BINARY, 0, 2, 3, false, 3, new byte[] {1, 2, 3}, List.of())));
        return log;
    }

    @Test
    void exportHasChromesWebSocketFieldsAndRedactsSecrets() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Har.write(List.of(sample()), false, out);
        JsonNode entry = new ObjectMapper().readTree(out.toByteArray()).path("log").path("entries").get(0);
        assertEquals("websocket", entry.path("_resourceType").asText());
        JsonNode messages = entry.path("_webSocketMessages");
        assertEquals("send", messages.get(0).path("type").asText());
        assertEquals(1, messages.get(0).path("opcode").asInt());
        assertEquals("hello", messages.get(0).path("data").asText());
        assertEquals("receive", messages.get(1).path("type").asText());
        assertEquals(2, messages.get(1).path("opcode").asInt());
        assertEquals("AQID", messages.get(1).path("data").asText());
        assertTrue(messages.get(1).path("time").asDouble() > messages.get(0).path("time").asDouble());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(!text.contains("s3cr3t") && !text.contains("sid=42"), text);
    }

    @Test
    void importGivesMessageLevelConnectionsAndSaysSo() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Har.write(List.of(sample()), true, out);
        Har.Imported imported = Har.read(new ByteArrayInputStream(out.toByteArray()), 1 << 20);
        assertEquals(List.of(), imported.problems());
        CaptureLog log = imported.logs().get(0);
        List<CaptureEvent.MessageEvent> messages = log.readFrom(0, log.size()).stream()
                .filter(CaptureEvent.MessageEvent.class::isInstance).map(CaptureEvent.MessageEvent.class::cast).toList();
        assertEquals(2, messages.size());
        assertEquals("hello", new String(messages.get(0).message().payload(), StandardCharsets.UTF_8));
        assertEquals(Direction.IN, messages.get(1).dir());
        assertEquals(0, messages.get(1).message().frameCount(), "message-level: no frames");
        assertTrue(log.readFrom(0, 1).get(0) instanceof CaptureEvent.NoteEvent n && n.text().contains("message-level"));
    }

    @Test
    void aFileThatIsNotHarIsRefusedClearly() {
        IOException e = assertThrows(IOException.class,
                () -> Har.read(new ByteArrayInputStream("{\"x\":1}".getBytes(StandardCharsets.UTF_8)), 1 << 20));
        assertTrue(e.getMessage().contains("no log.entries"), e.getMessage());
    }
}
