package dev.framescope.decode.subprotocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framescope.decode.DecodeFailure;
import dev.framescope.decode.DecodeInput;
import dev.framescope.decode.Decoded;
import dev.framescope.decode.PayloadDecoder;
import java.util.Optional;

/**
 * JSON-RPC 2.0 messages: request, notification (no id), response (result or error), and batches of them (a JSON
 * array). The tree keeps each message with its kind; the first rule a message breaks becomes the failure.
 */
public final class JsonRpcDecoder implements PayloadDecoder {

    static final String RULES = "JSON-RPC 2.0";

    /** What one JSON-RPC object is. */
    public enum Kind { REQUEST, NOTIFICATION, RESULT, ERROR, INVALID }

    @Override
    public String id() {
        return "jsonrpc";
    }

    @Override
    public String label() {
        return "JSON-RPC 2.0";
    }

    @Override
    public int detect(DecodeInput input) {
        if (Subprotocols.names(input, "jsonrpc", "json-rpc", "jsonrpc2", "jsonrpc-2.0", "json-rpc-2.0")) {
            return 100;
        }
        byte[] b = input.bytes();
        if (!input.text() || !GraphqlWsDecoder.containsAscii(b, "\"jsonrpc\"")) {
            return 0;
        }
        Decoded decoded = decode(input);
        return decoded.complete() ? 90 : decoded.tree().has("kind") || decoded.tree().has("batch") ? 50 : 0;
    }

    @Override
    public Decoded decode(DecodeInput input) {
        JsonText.Parsed parsed = JsonText.parse(input.bytes());
        if (parsed.failure().isPresent()) {
            return new Decoded(id(), JsonText.object(), Optional.empty(), parsed.failure());
        }
        JsonNode node = parsed.node().orElseThrow();
        if (node.isArray()) {
            return batch((ArrayNode) node);
        }
        ObjectNode tree = JsonText.object();
        Optional<String> problem = message(node, tree);
        return new Decoded(id(), tree, Optional.of(summary(tree)),
                problem.map(p -> new DecodeFailure(0, p)));
    }

    private Decoded batch(ArrayNode batch) {
        ObjectNode tree = JsonText.object();
        ArrayNode items = tree.putArray("batch");
        Optional<String> problem = batch.isEmpty()
                ? Optional.of("an empty array is not a valid batch (" + RULES + " §6)") : Optional.empty();
        int requests = 0;
        int responses = 0;
        for (JsonNode element : batch) {
            ObjectNode item = items.addObject();
            Optional<String> p = message(element, item);
            if (problem.isEmpty() && p.isPresent()) {
                problem = Optional.of("batch element " + (items.size() - 1) + ": " + p.get());
            }
            String kind = item.path("kind").asText();
            requests += kind.equals("REQUEST") || kind.equals("NOTIFICATION") ? 1 : 0;
            responses += kind.equals("RESULT") || kind.equals("ERROR") ? 1 : 0;
        }
        String summary = "jsonrpc batch " + (responses > requests ? "← " + batch.size() + " responses"
                : "→ " + batch.size() + " calls");
        return new Decoded(id(), tree, Optional.of(summary), problem.map(p -> new DecodeFailure(0, p)));
    }

    /** Classifies one JSON-RPC object into {@code tree}; the first rule it breaks, if any. */
    static Optional<String> message(JsonNode m, ObjectNode tree) {
        if (!m.isObject()) {
            tree.put("kind", Kind.INVALID.name());
            tree.set("value", m);
            return Optional.of("a JSON-RPC message must be an object (" + RULES + " §4, §5)");
        }
        Kind kind = kind(m);
        tree.put("kind", kind.name());
        copy(m, tree, "id", "method", "params", "result", "error");
        if (!m.path("jsonrpc").asText("").equals("2.0") || !m.path("jsonrpc").isTextual()) {
            return Optional.of("\"jsonrpc\" must be exactly \"2.0\" (" + RULES + " §4, §5)");
        }
        JsonNode id = m.path("id");
        if (m.has("id") && !(id.isTextual() || id.isNumber() || id.isNull())) {
            return Optional.of("id must be a string, number or null (" + RULES + " §4)");
        }
        if (m.has("result") && m.has("error")) {
            return Optional.of("a response has both result and error (" + RULES + " §5)");
        }
        return switch (kind) {
            case REQUEST, NOTIFICATION -> {
                if (!m.path("method").isTextual()) {
                    yield Optional.of("method must be a string (" + RULES + " §4)");
                }
                if (m.has("params") && !m.get("params").isContainerNode()) {
                    yield Optional.of("params must be an array or an object (" + RULES + " §4.2)");
                }
                yield Optional.empty();
            }
            case RESULT -> m.has("id") ? Optional.empty()
                    : Optional.of("a response must have an id (" + RULES + " §5)");
            case ERROR -> {
                JsonNode error = m.get("error");
                if (!error.isObject() || !error.path("code").canConvertToExactIntegral()
                        || !error.path("code").isIntegralNumber() || !error.path("message").isTextual()) {
                    yield Optional.of("error must be an object with an integer code and a message string (" + RULES
                            + " §5.1)");
                }
                yield m.has("id") ? Optional.empty() : Optional.of("a response must have an id (" + RULES + " §5)");
            }
            case INVALID -> Optional.of("neither a request (method) nor a response (result or error) (" + RULES
                    + " §4, §5)");
        };
    }

    static Kind kind(JsonNode m) {
        if (m.has("method")) {
            return m.has("id") ? Kind.REQUEST : Kind.NOTIFICATION;
        }
        if (m.has("error")) {
            return Kind.ERROR;
        }
        return m.has("result") ? Kind.RESULT : Kind.INVALID;
    }

    private static void copy(JsonNode from, ObjectNode to, String... fields) {
        for (String f : fields) {
            if (from.has(f)) {
                to.set(f, from.get(f));
            }
        }
    }

    static String summary(ObjectNode tree) {
        String id = tree.has("id") ? " id=" + JsonText.clip(tree.get("id").toString(), 30) : "";
        return switch (tree.path("kind").asText()) {
            case "REQUEST" -> "jsonrpc → " + JsonText.clip(tree.path("method").asText("?"), 50) + id;
            case "NOTIFICATION" -> "jsonrpc notify " + JsonText.clip(tree.path("method").asText("?"), 50);
            case "RESULT" -> "jsonrpc ← result" + id;
            case "ERROR" -> ("jsonrpc ← error " + tree.path("error").path("code").asText("?") + id + " "
                    + JsonText.clip(tree.path("error").path("message").asText(""), 60)).strip();
            default -> "jsonrpc invalid";
        };
    }
}
