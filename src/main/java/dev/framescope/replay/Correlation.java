package dev.framescope.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framescope.decode.DecodeInput;
import dev.framescope.decode.subprotocol.CallCorrelator;
import dev.framescope.decode.subprotocol.GraphqlCorrelator;
import dev.framescope.decode.subprotocol.JsonRpcCorrelator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which request a server message answers, where the subprotocol decoders recognise the traffic as JSON-RPC or
 * GraphQL over WebSocket: a JSON-RPC response by its id (a batch by its ids), a GraphQL message by operation id and
 * type. Other messages have no key and are paired by position.
 */
public enum Correlation {
    NONE, JSON_RPC, GRAPHQL;

    private static final Set<String> GRAPHQL_ANSWERS = Set.of("next", "data", "error", "complete");

    /** What the recording's messages show, as {@link CallCorrelator#forTraffic} decides. */
    static Correlation of(Recording recording) {
        List<Recording.Recorded> all = new ArrayList<>(recording.client());
        all.addAll(recording.server());
        for (Recording.Recorded r : all) {
            if (!r.content().text()) {
                continue;
            }
            Optional<CallCorrelator> c = CallCorrelator.forTraffic(new DecodeInput(r.content().bytes(), true,
                    recording.subprotocol()));
            if (c.isPresent()) {
                return c.get() instanceof JsonRpcCorrelator ? JSON_RPC : c.get() instanceof GraphqlCorrelator
                        ? GRAPHQL : NONE;
            }
        }
        return NONE;
    }

    /** The key of a server message (ids as JSON text, before any mask), or empty. */
    Optional<String> key(Content message) {
        Optional<JsonNode> json = message.json();
        if (this == NONE || json.isEmpty()) {
            return Optional.empty();
        }
        JsonNode m = json.get();
        if (this == GRAPHQL) {
            String type = m.path("type").asText("");
            return m.has("id") && GRAPHQL_ANSWERS.contains(type)
                    ? Optional.of("operation " + m.get("id") + " " + type) : Optional.empty();
        }
        if (m.isArray()) {
            List<String> ids = new ArrayList<>();
            m.forEach(e -> rpcId(e).ifPresent(ids::add));
            return ids.isEmpty() ? Optional.empty() : Optional.of("batch of ids " + String.join(",", ids));
        }
        return rpcId(m).map(id -> "id " + id);
    }

    /** The ids a server message answers (JSON text, joined for a batch), for the mock to find its request. */
    Optional<String> answeredIds(Content message) {
        return key(message).map(k -> idsOf(message.json().get()));
    }

    /** The ids a client request carries, in the same form as {@link #answeredIds}. */
    Optional<String> requestIds(Content message) {
        if (this == NONE || message.json().isEmpty()) {
            return Optional.empty();
        }
        String ids = idsOf(message.json().get());
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids);
    }

    /** A JSON-RPC notification: sent by the server on its own, never an answer (JSON-RPC 2.0 §4.1). */
    boolean unprompted(Content message) {
        return this == JSON_RPC && message.json().map(m -> m.isObject() && m.has("method") && !m.has("id"))
                .orElse(false);
    }

    private static String idsOf(JsonNode m) {
        List<String> ids = new ArrayList<>();
        MockScript.ids(m).forEach(id -> ids.add(id.toString()));
        return String.join(",", ids);
    }

    private static Optional<String> rpcId(JsonNode m) {
        return m.isObject() && m.has("id") && !m.get("id").isNull() && (m.has("result") || m.has("error"))
                ? Optional.of(m.get("id").toString()) : Optional.empty();
    }
}
