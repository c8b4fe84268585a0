package dev.framescope.replay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A message as the comparison sees it: a JSON tree when a text message parses as JSON (a STOMP frame as
 * {@code {"command", "headers", "body"}}, its body as JSON when it parses), the bytes otherwise.
 *
 * @param text whether it was a text message
 * @param json the tree, masks not yet applied
 */
public record Content(boolean text, byte[] bytes, Optional<JsonNode> json) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** Reads a message; {@code stomp} when the connection negotiated a STOMP subprotocol. */
    public static Content of(boolean text, byte[] bytes, boolean stomp) {
        if (!text) {
            return new Content(false, bytes, Optional.empty());
        }
        String s = new String(bytes, StandardCharsets.UTF_8);
        Optional<JsonNode> tree = stomp ? stomp(s) : Optional.empty();
        return new Content(true, bytes, tree.isPresent() ? tree : parse(s));
    }

    static Optional<JsonNode> parse(String s) {
        String t = s.strip();
        if (t.isEmpty() || "{[\"".indexOf(t.charAt(0)) < 0 && !Character.isDigit(t.charAt(0)) && t.charAt(0) != '-') {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readTree(t));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** A STOMP 1.2 frame (§2.2): command line, header lines, a blank line, the body up to NUL. */
    static Optional<JsonNode> stomp(String frame) {
        String f = frame.startsWith("\n") || frame.startsWith("\r\n") ? frame.stripLeading() : frame;
        int blank = f.indexOf("\n\n");
        if (blank < 0 || !f.matches("(?s)[A-Z]+\r?\n.*")) {
            return Optional.empty();
        }
        String[] lines = f.substring(0, blank).split("\r?\n");
        ObjectNode node = JSON.createObjectNode();
        node.put("command", lines[0]);
        ObjectNode headers = node.putObject("headers");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && !headers.has(lines[i].substring(0, colon))) {
                headers.put(lines[i].substring(0, colon), lines[i].substring(colon + 1));
            }
        }
        String body = f.substring(blank + 2);
        int nul = body.indexOf('\0');
        body = nul < 0 ? body : body.substring(0, nul);
        Optional<JsonNode> json = parse(body);
        if (json.isPresent()) {
            node.set("body", json.get());
        } else {
            node.put("body", body);
        }
        return Optional.of(node);
    }

    /** A JSON text message of {@code tree}, written compactly. */
    static Content json(JsonNode tree) {
        try {
            return new Content(true, JSON.writeValueAsBytes(tree), Optional.of(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        }
    }

    /** The tree with the masks applied, for comparing and for correlation keys. */
    Optional<JsonNode> masked(List<JsonMask> masks) {
        return json.map(tree -> {
            JsonNode copy = tree.deepCopy();
            masks.forEach(m -> m.apply(copy));
            return copy;
        });
    }

    /** Where {@code replayed} differs from this recorded message, masks applied to JSON on both sides. */
    public List<Difference> compare(Content replayed, List<JsonMask> masks) {
        List<Difference> out = new ArrayList<>();
        if (text != replayed.text) {
            out.add(new Difference("type", kind(), replayed.kind()));
            return out;
        }
        Optional<JsonNode> a = masked(masks);
        Optional<JsonNode> b = replayed.masked(masks);
        if (a.isPresent() && b.isPresent()) {
            JsonDiff.diff("$", a.get(), b.get(), out);
        } else if (a.isPresent() != b.isPresent()) {
            out.add(new Difference("$", preview(), replayed.preview()));
        } else if (!Arrays.equals(bytes, replayed.bytes)) {
            int at = Arrays.mismatch(bytes, replayed.bytes);
            out.add(new Difference("byte " + at, preview(), replayed.preview()));
        }
        return out;
    }

    private String kind() {
        return text ? "text message" : "binary message";
    }

    /** The message in one line for a report: text as text, binary as hex, both cut at 200 characters. */
    public String preview() {
        String s;
        if (text) {
            s = new String(bytes, StandardCharsets.UTF_8).replace("\n", "\\n").replace("\0", "\\0");
        } else {
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < Math.min(bytes.length, 100); i++) {
                hex.append(String.format("%02x", bytes[i] & 0xff));
            }
            s = hex.toString();
        }
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
