package dev.framescope.decode.subprotocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framescope.decode.subprotocol.Call.Outcome;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * JSON-RPC 2.0 requests matched to responses by id, per direction: a response travelling server → client answers
 * a request that travelled client → server, and the other way round (servers may call clients too). A reused id
 * answers the oldest request still waiting with it (JSON-RPC 2.0 §4 asks ids to be unique; peers differ).
 */
public final class JsonRpcCorrelator extends CallCorrelator {

    private record Key(Flow requestFlow, String id) {
    }

    private final Map<Key, Deque<Integer>> waiting = new HashMap<>();

    @Override
    public void accept(Flow flow, long nanos, byte[] payload, long ref) {
        if (!GraphqlWsDecoder.containsAscii(payload, "\"jsonrpc\"")) {
            return;
        }
        Optional<JsonNode> node = JsonText.parse(payload).node();
        if (node.isEmpty()) {
            return;
        }
        boolean batch = node.get().isArray();
        for (JsonNode m : batch ? node.get() : List.of(node.get())) {
            if (m.isObject()) {
                one(flow, nanos, m, ref, batch);
            }
        }
    }

    private void one(Flow flow, long nanos, JsonNode m, long ref, boolean batch) {
        switch (JsonRpcDecoder.kind(m)) {
            case REQUEST -> {
                String id = m.get("id").toString();
                waiting.computeIfAbsent(new Key(flow, id), k -> new ArrayDeque<>()).addLast(calls.size());
                calls.add(new Call("jsonrpc", flow, m.path("method").asText("?"), id, ref, nanos,
                        OptionalLong.empty(), OptionalLong.empty(), 0, new Outcome.Pending(), batch));
                changes++;
            }
            case RESULT, ERROR -> respond(flow, nanos, m, ref);
            default -> { }
        }
    }

    private void respond(Flow flow, long nanos, JsonNode m, long ref) {
        String id = m.path("id").toString();
        Deque<Integer> queue = waiting.get(new Key(flow.opposite(), id));
        Integer index = queue == null ? null : queue.pollFirst();
        boolean error = m.has("error");
        if (index == null) {
            unmatched.add(new Unmatched(flow, id, ref, nanos, error ? "error" : "result"));
        } else {
            JsonNode e = m.path("error");
            Outcome outcome = error
                    ? new Outcome.Failed(e.path("code").canConvertToLong() ? Optional.of(e.path("code").asLong())
                            : Optional.empty(), e.path("message").asText(""))
                    : new Outcome.Result();
            calls.set(index, calls.get(index).answered(nanos, outcome, true));
        }
        changes++;
    }
}
