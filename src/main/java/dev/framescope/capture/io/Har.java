package dev.framescope.capture.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.Secrets;
import dev.framescope.wire.HttpHead;
import dev.framescope.wire.HttpHeadParser;
import dev.framescope.wire.HttpHeaders;
import dev.framescope.wire.Message;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * HAR 1.2 with Chrome DevTools' WebSocket extension ({@code _resourceType: "websocket"},
 * {@code _webSocketMessages} of {@code type} send/receive, {@code time} in epoch seconds, {@code opcode} 1 or 2,
 * {@code data} as text or base64). Export writes one entry per connection, a message the intercepting proxy
 * marked with our own {@code _framescope} member ({@link RelayJson#har}); import turns a browser's HAR into
 * message-level connections (HAR has no frame headers, and the log says so), our marks into relay events.
 */
public final class Har {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What an import produced, and what it could not read. */
    public record Imported(List<CaptureLog> logs, List<String> problems) {
    }

    private Har() {
    }

    public static void write(List<CaptureLog> logs, boolean keepSecrets, OutputStream out) throws IOException {
        ObjectNode root = NODES.objectNode();
        ObjectNode log = root.putObject("log");
        log.put("version", "1.2");
        log.putObject("creator").put("name", "Framescope").put("version", "1");
        log.putArray("pages");
        ArrayNode entries = log.putArray("entries");
        for (CaptureLog l : logs) {
            entries.add(entry(l, keepSecrets));
        }
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, root);
    }

    private static ObjectNode entry(CaptureLog log, boolean keepSecrets) {
        Optional<CaptureEvent.HandshakeEvent> handshake = log.readFrom(0, log.size()).stream()
                .filter(CaptureEvent.HandshakeEvent.class::isInstance).map(CaptureEvent.HandshakeEvent.class::cast)
                .findFirst();
        ObjectNode e = entryHead(log, handshake, keepSecrets);
        ArrayNode messages = e.putArray("_webSocketMessages");
        Secrets secrets = keepSecrets ? Secrets.NONE : log.secrets();
        for (CaptureEvent ev : log.readFrom(0, log.size())) {
            if (ev instanceof CaptureEvent.MessageEvent m) {
                ObjectNode message = message(log, m, secrets);
                log.relayMark(m.seq()).ifPresent(r -> message.set("_framescope", RelayJson.har(m.seq(), r)));
                messages.add(message);
            }
        }
        return e;
    }

    /** A connection's entry without its messages: request and response from its handshake. */
    static ObjectNode entryHead(CaptureLog log, Optional<CaptureEvent.HandshakeEvent> handshake,
                                boolean keepSecrets) {
        ObjectNode e = NODES.objectNode();
        e.put("startedDateTime", log.wallAnchor().toString());
        e.put("time", 0);
        byte[] rawRequest = handshake.map(CaptureEvent.HandshakeEvent::rawRequest).orElse(new byte[0]);
        byte[] rawResponse = handshake.map(CaptureEvent.HandshakeEvent::rawResponse).orElse(new byte[0]);
        Secrets secrets = keepSecrets ? Secrets.NONE : log.secrets();
        HttpHead request = HttpHeadParser.parse(keepSecrets ? rawRequest : Redactor.head(rawRequest, secrets));
        HttpHead response = HttpHeadParser.parse(keepSecrets ? rawResponse : Redactor.head(rawResponse, secrets));
        String url = keepSecrets ? log.label() : Redactor.url(log.label(), secrets);
        ObjectNode req = e.putObject("request");
        req.put("method", "GET").put("url", url).put("httpVersion", "HTTP/1.1");
        headers(req.putArray("headers"), request.headers());
        req.putArray("queryString");
        req.putArray("cookies");
        req.put("headersSize", -1).put("bodySize", 0);
        ObjectNode resp = e.putObject("response");
        resp.put("status", handshake.map(CaptureEvent.HandshakeEvent::status).orElse(0));
        resp.put("statusText", statusText(response.startLine())).put("httpVersion", "HTTP/1.1");
        headers(resp.putArray("headers"), response.headers());
        resp.putArray("cookies");
        resp.putObject("content").put("size", 0).put("mimeType", "x-unknown");
        resp.put("redirectURL", "").put("headersSize", -1).put("bodySize", 0);
        e.putObject("cache");
        e.putObject("timings").put("send", 0).put("wait", 0).put("receive", 0);
        e.put("_resourceType", "websocket");
        return e;
    }

    /** One message as Chrome's {@code _webSocketMessages} holds it (secret values overwritten). */
    static ObjectNode message(CaptureLog log, CaptureEvent.MessageEvent m, Secrets secrets) {
        Message msg = m.message();
        byte[] data = Redactor.payload(msg.payload(), secrets);
        Instant at = log.wallClock(m.nanos());
        ObjectNode node = NODES.objectNode();
        node.put("type", m.dir() == Direction.OUT ? "send" : "receive");
        node.put("time", at.getEpochSecond() + at.getNano() / 1e9);
        node.put("opcode", msg.opcode().code());
        node.put("data", msg.isText() ? new String(data, StandardCharsets.UTF_8)
                : Base64.getEncoder().encodeToString(data));
        return node;
    }

    private static String statusText(String statusLine) {
        String[] parts = statusLine.split(" ", 3);
        return parts.length == 3 ? parts[2] : "";
    }

    private static void headers(ArrayNode array, HttpHeaders headers) {
        headers.entries().forEach(h -> array.addObject().put("name", h.name()).put("value", h.value()));
    }

    /** Reads the WebSocket entries of a HAR file; other entries are ignored, bad ones reported. */
    public static Imported read(InputStream in, long payloadBudget) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IOException("not a HAR file (not JSON): " + e.getMessage(), e);
        }
        JsonNode entries = root.path("log").path("entries");
        if (!entries.isArray()) {
            throw new IOException("not a HAR file: no log.entries array");
        }
        List<CaptureLog> logs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : entries) {
            index++;
            if (!entry.has("_webSocketMessages")) {
                continue;
            }
            try {
                logs.add(connection(entry, logs.size() + 1, payloadBudget));
            } catch (RuntimeException e) {
                problems.add("entry " + index + ": " + e.getMessage());
            }
        }
        return new Imported(logs, problems);
    }

    private static CaptureLog connection(JsonNode entry, long id, long budget) {
        String url = entry.path("request").path("url").asText("");
        Instant start = parseInstant(entry.path("startedDateTime").asText(""));
        CaptureLog log = new CaptureLog(id, url, new PayloadStore(budget), 0, start);
        log.append(0, s -> new CaptureEvent.NoteEvent(s, Severity.INFO,
                "imported from HAR: message-level only, HAR has no frame headers"));
        RelayJson.Imported marks = new RelayJson.Imported();
        long last = 0;
        int status = entry.path("response").path("status").asInt(0);
        log.append(0, s -> new CaptureEvent.HandshakeEvent(s, head("GET " + url + " HTTP/1.1",
                entry.path("request").path("headers")), head("HTTP/1.1 " + status + " "
                + entry.path("response").path("statusText").asText(""), entry.path("response").path("headers")),
                new byte[0], status, "", Optional.empty(), Optional.empty(), "", "", List.of()));
        for (JsonNode m : entry.path("_webSocketMessages")) {
            Direction dir = "send".equals(m.path("type").asText()) ? Direction.OUT : Direction.IN;
            int opcode = m.path("opcode").asInt(1);
            String data = m.path("data").asText("");
            byte[] payload = opcode == 1 ? data.getBytes(StandardCharsets.UTF_8) : decodeBase64(data);
            double time = m.path("time").asDouble(start.getEpochSecond());
            long nanos = Math.round((time - start.getEpochSecond()) * 1e9) - start.getNano();
            Message message = new Message(dir.sender(), opcode == 2 ? Opcode.BINARY : Opcode.TEXT, -1, 0,
                    payload.length, false, payload.length, payload, List.of());
            marks.message(m, log.size(), dir);
            log.append(nanos, s -> new CaptureEvent.MessageEvent(s, dir, message));
            last = nanos;
        }
        for (var mark : marks.events()) {
            log.append(last, mark);
        }
        return log;
    }

    static byte[] decodeBase64(String data) {
        try {
            return Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            return data.getBytes(StandardCharsets.UTF_8);
        }
    }

    static byte[] head(String startLine, JsonNode headers) {
        StringBuilder sb = new StringBuilder(startLine).append("\r\n");
        for (JsonNode h : headers) {
            sb.append(h.path("name").asText()).append(": ").append(h.path("value").asText()).append("\r\n");
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
