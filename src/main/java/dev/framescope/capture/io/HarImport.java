package dev.framescope.capture.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.Stamp;
import dev.framescope.wire.Message;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link Har#read} streamed straight into a session file: the HAR is parsed token by token, one message at a time,
 * and each connection's events go to the writer in batches, so importing a HAR of any size holds one batch. The
 * events are those {@link Har#read} builds.
 */
public final class HarImport {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int BATCH = 4096;

    private final SessionOutput out;
    private final List<String> problems = new ArrayList<>();
    private int connections;

    private HarImport(SessionOutput out) {
        this.out = out;
    }

    /** What an import wrote: connections, and the entries it could not read. */
    public record Result(int connections, List<String> problems) {
    }

    public static Result read(InputStream in, SessionOutput out) throws IOException {
        HarImport im = new HarImport(out);
        try (JsonParser p = new JsonFactory(MAPPER).createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT || !im.seek(p, "log") || !im.seek(p, "entries")
                    || p.currentToken() != JsonToken.START_ARRAY) {
                throw new IOException("not a HAR file: no log.entries array");
            }
            int index = 0;
            while (p.nextToken() == JsonToken.START_OBJECT) {
                im.entry(p, ++index);
            }
        } catch (JsonProcessingException e) {
            throw new IOException("not a HAR file (not JSON): " + e.getOriginalMessage(), e);
        }
        return new Result(im.connections, im.problems);
    }

    /** Moves into the object's member {@code name} (its value's first token is current); false if it has none. */
    private boolean seek(JsonParser p, String name) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return false;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals(name)) {
                return true;
            }
            p.skipChildren();
        }
        return false;
    }

    /** One entry: its small members as trees, its messages one by one once the connection is known. */
    private void entry(JsonParser p, int index) throws IOException {
        ObjectNode head = MAPPER.createObjectNode();
        Conn conn = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (!field.equals("_webSocketMessages") || p.currentToken() != JsonToken.START_ARRAY) {
                head.set(field, p.readValueAsTree());
                continue;
            }
            try {
                conn = conn != null ? conn : new Conn(head, ++connections);
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    conn.message(p.readValueAsTree());
                }
                conn.marks();
                conn.flush();
            } catch (RuntimeException e) {
                problems.add("entry " + index + ": " + e.getMessage());
                p.skipChildren();
            }
        }
        if (conn != null) {
            conn.log.close();
        }
    }

    /** A connection being imported: the log that names it (it holds no events) and a batch on its way out. */
    private final class Conn {
        final CaptureLog log;
        final Instant start;
        final List<CaptureEvent> batch = new ArrayList<>();
        final RelayJson.Imported marks = new RelayJson.Imported();
        long seq;
        long last;

        Conn(JsonNode entry, long id) throws IOException {
            String url = entry.path("request").path("url").asText("");
            start = Har.parseInstant(entry.path("startedDateTime").asText(""));
            log = new CaptureLog(id, url, new PayloadStore(1 << 20), 0, start);
            add(0, s -> new CaptureEvent.NoteEvent(s, Severity.INFO,
                    "imported from HAR: message-level only, HAR has no frame headers"));
            int status = entry.path("response").path("status").asInt(0);
            add(0, s -> new CaptureEvent.HandshakeEvent(s, Har.head("GET " + url + " HTTP/1.1",
                    entry.path("request").path("headers")), Har.head("HTTP/1.1 " + status + " "
                    + entry.path("response").path("statusText").asText(""), entry.path("response").path("headers")),
                    new byte[0], status, "", Optional.empty(), Optional.empty(), "", "", List.of()));
        }

        void message(JsonNode m) throws IOException {
            Direction dir = "send".equals(m.path("type").asText()) ? Direction.OUT : Direction.IN;
            int opcode = m.path("opcode").asInt(1);
            String data = m.path("data").asText("");
            byte[] payload = opcode == 1 ? data.getBytes(StandardCharsets.UTF_8)
                    : Har.decodeBase64(data);
            double time = m.path("time").asDouble(start.getEpochSecond());
            long nanos = Math.round((time - start.getEpochSecond()) * 1e9) - start.getNano();
            Message message = new Message(dir.sender(), opcode == 2 ? Opcode.BINARY : Opcode.TEXT, -1, 0,
                    payload.length, false, payload.length, payload, List.of());
            marks.message(m, seq, dir);
            add(nanos, s -> new CaptureEvent.MessageEvent(s, dir, message));
            last = nanos;
        }

        /** The proxy's marks of the messages read, once they are all in. */
        void marks() throws IOException {
            for (Function<Stamp, CaptureEvent> mark : marks.events()) {
                add(last, mark);
            }
        }

        private void add(long nanos, Function<Stamp, CaptureEvent> event) throws IOException {
            batch.add(event.apply(new Stamp(log.connectionId(), seq++, nanos)));
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        void flush() throws IOException {
            if (!batch.isEmpty()) {
                out.write(log, batch);
                batch.clear();
            }
        }
    }
}
