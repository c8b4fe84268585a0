package dev.framescope.decode.subprotocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framescope.decode.DecodeFailure;
import dev.framescope.decode.DecodeInput;
import dev.framescope.decode.Decoded;
import dev.framescope.decode.PayloadDecoder;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GraphQL over WebSocket, both dialects: {@code graphql-transport-ws} (the graphql-ws library's protocol:
 * connection_init, connection_ack, ping, pong, subscribe, next, error, complete) and the older {@code graphql-ws}
 * of subscriptions-transport-ws (connection_init, connection_ack, connection_error, ka, start, data, error,
 * complete, stop, connection_terminate). Every message is a JSON object with a {@code type}.
 */
public final class GraphqlWsDecoder implements PayloadDecoder {

    static final String TRANSPORT_WS = "graphql-transport-ws";
    static final String LEGACY_WS = "graphql-ws";
    private static final String TRANSPORT_RULES = "GraphQL over WebSocket Protocol (graphql-transport-ws)";
    private static final String LEGACY_RULES = "subscriptions-transport-ws PROTOCOL.md";
    private static final Set<String> TRANSPORT = Set.of("connection_init", "connection_ack", "ping", "pong",
            "subscribe", "next", "error", "complete");
    private static final Set<String> LEGACY = Set.of("connection_init", "connection_ack", "connection_error", "ka",
            "start", "data", "error", "complete", "stop", "connection_terminate");
    private static final Set<String> TRANSPORT_WITH_ID = Set.of("subscribe", "next", "error", "complete");
    private static final Set<String> LEGACY_WITH_ID = Set.of("start", "data", "stop");
    private static final Pattern OPERATION = Pattern.compile(
            "\\b(query|mutation|subscription)\\s*([_A-Za-z][_0-9A-Za-z]*)?");
    private static final Pattern FIRST_FIELD = Pattern.compile("\\{\\s*([_A-Za-z][_0-9A-Za-z]*)");

    @Override
    public String id() {
        return "graphql";
    }

    @Override
    public String label() {
        return "GraphQL over WebSocket";
    }

    @Override
    public int detect(DecodeInput input) {
        if (Subprotocols.names(input, TRANSPORT_WS, LEGACY_WS)) {
            return 100;
        }
        byte[] b = input.bytes();
        if (!input.text() || b.length < 10 || !contains(b, "\"type\"")) {
            return 0;
        }
        Optional<JsonNode> node = JsonText.parse(b).node();
        if (node.isEmpty() || !node.get().isObject() || !node.get().path("type").isTextual()) {
            return 0;
        }
        String type = node.get().get("type").asText();
        if (!TRANSPORT.contains(type) && !LEGACY.contains(type)) {
            return 0;
        }
        // "start"/"subscribe" with a query, or a connection_* handshake, say GraphQL clearly; "next"/"error" less.
        boolean distinctive = node.get().path("payload").has("query") || type.startsWith("connection_")
                || type.equals("ka");
        return distinctive ? 85 : 55;
    }

    @Override
    public Decoded decode(DecodeInput input) {
        byte[] b = input.bytes();
        ObjectNode tree = JsonText.object();
        JsonText.Parsed parsed = JsonText.parse(b);
        if (parsed.failure().isPresent()) {
            return new Decoded(id(), tree, Optional.empty(), parsed.failure());
        }
        JsonNode message = parsed.node().orElseThrow();
        if (!message.isObject()) {
            tree.set("message", message);
            return failed(tree, "", 0, "a message must be a JSON object (" + TRANSPORT_RULES + ", Communication)");
        }
        String type = message.path("type").asText("");
        String dialect = dialect(input, type);
        tree.put("protocol", dialect);
        tree.put("type", type);
        if (message.has("id")) {
            tree.set("id", message.get("id"));
        }
        JsonNode payload = message.path("payload");
        if (!payload.isMissingNode()) {
            tree.set("payload", payload);
        }
        boolean legacy = dialect.equals(LEGACY_WS);
        String rules = legacy ? LEGACY_RULES : TRANSPORT_RULES;
        operation(payload).ifPresent(op -> tree.put("operation", op));
        if (!message.path("type").isTextual()) {
            return failed(tree, dialect, 0, "message has no \"type\" string (" + rules + ", Communication)");
        }
        if (!(legacy ? LEGACY : TRANSPORT).contains(type)) {
            return failed(tree, dialect, 0, "type \"" + JsonText.clip(type, 30) + "\" is not a " + dialect
                    + " message type (" + rules + ")");
        }
        boolean needsId = (legacy ? LEGACY_WITH_ID : TRANSPORT_WITH_ID).contains(type);
        if (needsId && !message.path("id").isTextual() && !(legacy && message.path("id").isNumber())) {
            return failed(tree, dialect, 0, "\"" + type + "\" message has no id (" + rules + ", " + type + ")");
        }
        if ((type.equals("subscribe") || type.equals("start")) && !payload.path("query").isTextual()) {
            return failed(tree, dialect, 0, "\"" + type + "\" payload has no \"query\" string (" + rules + ", "
                    + type + ")");
        }
        if (!legacy && type.equals("error") && !payload.isArray()) {
            return failed(tree, dialect, 0, "\"error\" payload must be an array of GraphQL errors (" + rules
                    + ", Error)");
        }
        return new Decoded(id(), tree, Optional.of(summary(tree)), Optional.empty());
    }

    /** The dialect the handshake named, else the one whose message types this message uses. */
    static String dialect(DecodeInput input, String type) {
        if (Subprotocols.names(input, LEGACY_WS)) {
            return LEGACY_WS;
        }
        if (Subprotocols.names(input, TRANSPORT_WS)) {
            return TRANSPORT_WS;
        }
        return LEGACY.contains(type) && !TRANSPORT.contains(type) ? LEGACY_WS : TRANSPORT_WS;
    }

    /** The operation's name, or its kind and first field ("subscription ticks") when anonymous. */
    static Optional<String> operation(JsonNode payload) {
        if (payload.path("operationName").isTextual()) {
            return Optional.of(payload.get("operationName").asText());
        }
        if (!payload.path("query").isTextual()) {
            return Optional.empty();
        }
        String query = payload.get("query").asText();
        Matcher op = OPERATION.matcher(query);
        if (op.find() && op.group(2) != null) {
            return Optional.of(op.group(2));
        }
        Matcher field = FIRST_FIELD.matcher(query);
        String kind = op.find(0) ? op.group(1) : "query";
        return Optional.of(field.find() ? kind + " " + field.group(1) : kind);
    }

    static String summary(ObjectNode tree) {
        StringBuilder s = new StringBuilder("graphql ").append(JsonText.clip(tree.path("type").asText("?"), 30));
        if (tree.has("id")) {
            s.append(" id=").append(JsonText.clip(tree.get("id").asText(), 30));
        }
        if (tree.has("operation")) {
            s.append(' ').append(JsonText.clip(tree.get("operation").asText(), 40));
        }
        JsonNode payload = tree.path("payload");
        JsonNode firstError = payload.isArray() ? payload.path(0) : payload.path("errors").path(0);
        if (firstError.has("message")) {
            s.append(": ").append(JsonText.clip(firstError.get("message").asText(), 60));
        } else if (tree.path("type").asText().equals("connection_error") && payload.has("message")) {
            s.append(": ").append(JsonText.clip(payload.get("message").asText(), 60));
        }
        return s.toString();
    }

    private static boolean contains(byte[] b, String ascii) {
        outer:
        for (int i = 0; i + ascii.length() <= b.length; i++) {
            for (int j = 0; j < ascii.length(); j++) {
                if (b[i + j] != ascii.charAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private Decoded failed(ObjectNode tree, String dialect, long offset, String reason) {
        Optional<String> summary = dialect.isEmpty() ? Optional.empty() : Optional.of(summary(tree));
        return new Decoded(id(), tree, summary, Optional.of(new DecodeFailure(offset, reason)));
    }

    static boolean containsAscii(byte[] b, String ascii) {
        return contains(b, ascii);
    }
}
