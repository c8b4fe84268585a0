package dev.framescope.decode.subprotocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framescope.decode.subprotocol.Call.Outcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * GraphQL over WebSocket operations by id, both dialects: subscribe/start opens one, next/data add results,
 * error or the server's complete end it, the client's complete/stop cancels it. An id is free again once its
 * operation ended (graphql-transport-ws: "the id must be unique among the operations in flight").
 */
public final class GraphqlCorrelator extends CallCorrelator {

    private final Map<String, Integer> active = new HashMap<>();

    @Override
    public void accept(Flow flow, long nanos, byte[] payload, long ref) {
        if (!GraphqlWsDecoder.containsAscii(payload, "\"type\"")) {
            return;
        }
        Optional<JsonNode> node = JsonText.parse(payload).node();
        if (node.isEmpty() || !node.get().isObject() || !node.get().has("id")) {
            return;
        }
        JsonNode m = node.get();
        String id = m.get("id").isTextual() ? m.get("id").asText() : m.get("id").toString();
        String type = m.path("type").asText("");
        Integer index = active.get(id);
        switch (type) {
            case "subscribe", "start" -> {
                String name = GraphqlWsDecoder.operation(m.path("payload")).orElse("operation");
                active.put(id, calls.size());
                calls.add(new Call("graphql", flow, name, id, ref, nanos, OptionalLong.empty(), OptionalLong.empty(),
                        0, new Outcome.Pending(), false));
            }
            case "next", "data" -> {
                if (index == null) {
                    unmatched.add(new Unmatched(flow, id, ref, nanos, type));
                } else {
                    calls.set(index, calls.get(index).answered(nanos, new Outcome.Result(), false));
                }
            }
            case "error" -> {
                if (index == null) {
                    unmatched.add(new Unmatched(flow, id, ref, nanos, type));
                } else {
                    JsonNode errors = m.path("payload");
                    JsonNode first = errors.isArray() ? errors.path(0) : errors;
                    calls.set(index, calls.get(index).answered(nanos,
                            new Outcome.Failed(Optional.empty(), first.path("message").asText("")), true));
                    active.remove(id);
                }
            }
            case "complete", "stop" -> {
                if (index == null) {
                    // A client's complete for an operation that already ended is allowed; only report the server's.
                    if (flow == Flow.SERVER_TO_CLIENT) {
                        unmatched.add(new Unmatched(flow, id, ref, nanos, type));
                    } else {
                        return;
                    }
                } else {
                    Call call = calls.get(index);
                    boolean byRequester = flow == call.flow();
                    Outcome outcome = byRequester ? new Outcome.Cancelled() : new Outcome.Completed();
                    Call ended = byRequester
                            ? new Call(call.protocol(), call.flow(), call.name(), call.id(), call.requestRef(),
                                    call.requestNanos(), call.responseNanos(), OptionalLong.of(nanos),
                                    call.responses(), outcome, false)
                            : call.answered(nanos, outcome, true);
                    calls.set(index, ended);
                    active.remove(id);
                }
            }
            default -> {
                return;
            }
        }
        changes++;
    }
}
