package dev.framescope.capture.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Secrets;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A HAR export fed one event at a time: each connection's messages wait in a temporary file (one JSON object a
 * line, after its sequence number) until the end, when the entries are written, each head first and its messages
 * streamed after it, marked as the proxy's marks say (an original's mark comes after it). Memory holds the
 * handshakes and the marks; disk holds the messages for as long as the export runs.
 */
final class HarStream {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final boolean keepSecrets;
    private final OutputStream out;
    private final Map<Long, Entry> entries = new LinkedHashMap<>();

    HarStream(List<CaptureLog> connections, boolean keepSecrets, OutputStream out) throws IOException {
        this.keepSecrets = keepSecrets;
        this.out = out;
        for (CaptureLog log : connections) {
            entries.put(log.connectionId(), new Entry(log));
        }
    }

    void event(CaptureLog log, CaptureEvent e) throws IOException {
        Entry entry = entries.get(log.connectionId());
        if (entry == null) {
            entry = new Entry(log);
            entries.put(log.connectionId(), entry);
        }
        if (e instanceof CaptureEvent.HandshakeEvent h && entry.handshake.isEmpty()) {
            entry.handshake = Optional.of(h);
        } else if (e instanceof CaptureEvent.MessageEvent m) {
            Secrets secrets = keepSecrets ? Secrets.NONE : log.secrets();
            entry.messages.write(m.seq() + " " + MAPPER.writeValueAsString(Har.message(log, m, secrets)));
            entry.messages.newLine();
        } else if (e instanceof CaptureEvent.RelayEvent r) {
            for (long seq : r.marked()) {
                entry.marks.put(seq, r);
            }
        }
    }

    void finish() throws IOException {
        try (JsonGenerator gen = new JsonFactory(MAPPER).createGenerator(out).useDefaultPrettyPrinter()) {
            gen.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            gen.writeStartObject();
            gen.writeObjectFieldStart("log");
            gen.writeStringField("version", "1.2");
            gen.writeObjectFieldStart("creator");
            gen.writeStringField("name", "Framescope");
            gen.writeStringField("version", "1");
            gen.writeEndObject();
            gen.writeArrayFieldStart("pages");
            gen.writeEndArray();
            gen.writeArrayFieldStart("entries");
            for (Entry entry : entries.values()) {
                entry.write(gen);
            }
            gen.writeEndArray();
            gen.writeEndObject();
            gen.writeEndObject();
        } finally {
            for (Entry entry : entries.values()) {
                entry.delete();
            }
        }
        out.flush();
    }

    /** One connection: its handshake once seen, its messages in a temporary file. */
    private final class Entry {
        final CaptureLog log;
        final Path file;
        final BufferedWriter messages;
        Optional<CaptureEvent.HandshakeEvent> handshake = Optional.empty();
        final Map<Long, CaptureEvent.RelayEvent> marks = new HashMap<>();

        Entry(CaptureLog log) throws IOException {
            this.log = log;
            this.file = Files.createTempFile("framescope-har-", ".jsonl");
            this.messages = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }

        void write(JsonGenerator gen) throws IOException {
            messages.close();
            gen.writeStartObject();
            var fields = Har.entryHead(log, handshake, keepSecrets).fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                gen.writeFieldName(f.getKey());
                gen.writeTree(f.getValue());
            }
            gen.writeArrayFieldStart("_webSocketMessages");
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    int space = line.indexOf(' ');
                    long seq = Long.parseLong(line.substring(0, space));
                    ObjectNode message = (ObjectNode) MAPPER.readTree(line.substring(space + 1));
                    CaptureEvent.RelayEvent mark = marks.get(seq);
                    if (mark != null) {
                        message.set("_framescope", RelayJson.har(seq, mark));
                    }
                    gen.writeTree(message);
                }
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }

        void delete() {
            try {
                messages.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }
}
