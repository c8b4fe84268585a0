package dev.framescope.demo;

import static dev.framescope.demo.DemoJson.obj;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A graphql-transport-ws server: connection_init → connection_ack, ping → pong; a subscription gets
 * {@code count} (default 3) next messages every 200 ms then complete, a query one next then complete, a document
 * that mentions {@code error} an error; the client's complete stops an operation.
 */
final class GraphqlDialogue implements Dialogue {

    private final Peer peer;
    private final Set<String> running = new HashSet<>();
    private boolean acknowledged;

    GraphqlDialogue(Peer peer) {
        this.peer = peer;
    }

    @Override
    public void onText(String text) {
        Optional<Object> parsed = DemoJson.parse(text);
        if (parsed.isEmpty() || !(parsed.get() instanceof Map<?, ?> m) || !(m.get("type") instanceof String type)) {
            // graphql-transport-ws: an invalid message closes with 4400.
            peer.close(4400, "Invalid message received");
            return;
        }
        Object id = m.get("id");
        switch (type) {
            case "connection_init" -> {
                acknowledged = true;
                send(obj("type", "connection_ack"));
            }
            case "ping" -> send(obj("type", "pong"));
            case "subscribe" -> subscribe(id, m.get("payload"));
            case "complete" -> running.remove(String.valueOf(id));
            default -> { }
        }
    }

    private void subscribe(Object id, Object payload) {
        if (!acknowledged) {
            peer.close(4401, "Unauthorized");
            return;
        }
        String key = String.valueOf(id);
        String query = payload instanceof Map<?, ?> p && p.get("query") instanceof String q ? q : "";
        running.add(key);
        if (query.contains("error")) {
            peer.later(50, () -> send(obj("id", id, "type", "error", "payload",
                    List.of(obj("message", "the demo refuses documents that mention errors")))));
            running.remove(key);
            return;
        }
        boolean subscription = query.strip().startsWith("subscription");
        long count = subscription ? peer.param("count", 3) : 1;
        for (long n = 1; n <= count; n++) {
            long value = n;
            boolean last = n == count;
            peer.later(200 * n, () -> {
                if (!running.contains(key)) {
                    return;
                }
                send(obj("id", id, "type", "next", "payload",
                        obj("data", obj(subscription ? "tick" : "hello", new DemoJson.Num(String.valueOf(value))))));
                if (last) {
                    running.remove(key);
                    send(obj("id", id, "type", "complete"));
                }
            });
        }
    }

    private void send(Map<String, Object> message) {
        peer.send(DemoJson.write(message));
    }
}
