package dev.framescope.demo;

import static dev.framescope.demo.DemoJson.obj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON-RPC 2.0 server: {@code add}, {@code subtract}, {@code echo}, {@code slow} (answers after
 * {@code params.ms} or 300 ms), {@code fail} (error -32000); unknown methods get -32601, bad JSON -32700, bad
 * requests -32600; batches answered as one array. Sends a {@code welcome} notification on open and a
 * {@code tick} notification every {@code notify} ms (default 2000, 0 = never). Variants for replay tests:
 * {@code drift=N} adds N to every {@code add} and {@code subtract} result; {@code reorder=1} holds each odd answer
 * back until the next one has gone (or 200 ms), so answers arrive out of order.
 */
final class JsonRpcDialogue implements Dialogue {

    private final Peer peer;
    private long ticks;
    private String held;

    JsonRpcDialogue(Peer peer) {
        this.peer = peer;
    }

    @Override
    public void onOpen() {
        peer.send(DemoJson.write(obj("jsonrpc", "2.0", "method", "welcome",
                "params", obj("server", "framescope-demo", "methods", List.of("add", "subtract", "echo", "slow",
                        "fail")))));
        long every = peer.param("notify", 2000);
        if (every > 0) {
            peer.every(every, () -> peer.send(DemoJson.write(obj("jsonrpc", "2.0", "method", "tick",
                    "params", obj("n", new DemoJson.Num(String.valueOf(++ticks)))))));
        }
    }

    @Override
    public void onText(String text) {
        Optional<Object> parsed = DemoJson.parse(text);
        if (parsed.isEmpty()) {
            peer.send(DemoJson.write(error(DemoJson.NULL, -32700, "Parse error")));
            return;
        }
        if (parsed.get() instanceof List<?> batch) {
            if (batch.isEmpty()) {
                peer.send(DemoJson.write(error(DemoJson.NULL, -32600, "Invalid Request")));
                return;
            }
            List<Object> answers = new ArrayList<>();
            for (Object call : batch) {
                answer(call, true).ifPresent(answers::add);
            }
            if (!answers.isEmpty()) {
                peer.send(DemoJson.write(answers));
            }
            return;
        }
        answer(parsed.get(), false).ifPresent(a -> reply(DemoJson.write(a)));
    }

    private synchronized void reply(String answer) {
        if (peer.param("reorder", 0) != 1) {
            peer.send(answer);
        } else if (held == null) {
            held = answer;
            peer.later(200, this::flush);
        } else {
            peer.send(answer);
            flush();
        }
    }

    private synchronized void flush() {
        if (held != null) {
            peer.send(held);
            held = null;
        }
    }

    /** The response to one call, empty for notifications and for {@code slow} outside a batch (sent later). */
    private Optional<Object> answer(Object call, boolean inBatch) {
        if (!(call instanceof Map<?, ?> m) || !"2.0".equals(m.get("jsonrpc")) || !(m.get("method") instanceof String)) {
            return Optional.of(error(call instanceof Map<?, ?> mm && mm.containsKey("id") ? mm.get("id")
                    : DemoJson.NULL, -32600, "Invalid Request"));
        }
        String method = (String) m.get("method");
        Object params = m.get("params");
        Map<String, Object> response = switch (method) {
            case "add" -> result(m, sum(params, 1, peer.param("drift", 0)));
            case "subtract" -> result(m, sum(params, -1, peer.param("drift", 0)));
            case "echo" -> result(m, params == null ? DemoJson.NULL : params);
            case "fail" -> error(m.get("id"), -32000, "Demo failure", obj("hint", "fail always fails"));
            case "slow" -> {
                long ms = params instanceof Map<?, ?> p && p.get("ms") instanceof DemoJson.Num n
                        ? Math.max(0, Math.min(10_000, (long) n.value())) : 300;
                Map<String, Object> later = result(m, obj("waited", new DemoJson.Num(String.valueOf(ms))));
                if (!inBatch) {
                    if (m.containsKey("id")) {
                        peer.later(ms, () -> peer.send(DemoJson.write(later)));
                    }
                    yield null;
                }
                yield later;
            }
            default -> error(m.get("id"), -32601, "Method not found");
        };
        // Notifications get no response (JSON-RPC 2.0 §4.1).
        return response == null || !m.containsKey("id") ? Optional.empty() : Optional.of(response);
    }

    private static Object sum(Object params, int sign, long drift) {
        if (!(params instanceof List<?> list) || list.isEmpty()) {
            return new DemoJson.Num(String.valueOf(drift));
        }
        double total = drift;
        for (int i = 0; i < list.size(); i++) {
            double v = list.get(i) instanceof DemoJson.Num n ? n.value() : 0;
            total += i == 0 ? v : sign * v;
        }
        return new DemoJson.Num(total == Math.rint(total) && Math.abs(total) < 1e15
                ? String.valueOf((long) total) : String.valueOf(total));
    }

    private static Map<String, Object> result(Map<?, ?> call, Object result) {
        return obj("jsonrpc", "2.0", "result", result, "id", call.get("id"));
    }

    private static Map<String, Object> error(Object id, int code, String message) {
        return obj("jsonrpc", "2.0", "error", obj("code", new DemoJson.Num(String.valueOf(code)), "message", message),
                "id", id == null ? DemoJson.NULL : id);
    }

    private static Map<String, Object> error(Object id, int code, String message, Object data) {
        return obj("jsonrpc", "2.0", "error", obj("code", new DemoJson.Num(String.valueOf(code)), "message", message,
                "data", data), "id", id == null ? DemoJson.NULL : id);
    }
}
