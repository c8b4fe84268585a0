package dev.framescope.demo;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A parsed demo request path: the scenario's name and its numeric query parameters. */
record Scenario(String name, Map<String, Long> params) {

    static Optional<Scenario> parse(String resource) {
        String path = resource;
        Map<String, Long> params = new HashMap<>();
        int q = resource.indexOf('?');
        if (q >= 0) {
            path = resource.substring(0, q);
            for (String pair : resource.substring(q + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2 && kv[1].matches("\\d{1,18}")) {
                    params.put(kv[0], Long.parseLong(kv[1]));
                }
            }
        }
        if (path.matches("/close/\\d{1,4}")) {
            params.put("code", Long.parseLong(path.substring("/close/".length())));
            return Optional.of(new Scenario("close", params));
        }
        return switch (path) {
            case "/echo", "/", "" -> Optional.of(new Scenario("echo", params));
            case "/ticker", "/fragmented", "/compressed", "/heartbeat", "/chaos", "/idle", "/headers", "/encodings",
                 "/stomp", "/mqtt", "/jsonrpc", "/graphql", "/socketio" ->
                    Optional.of(new Scenario(path.substring(1), params));
            default -> Optional.empty();
        };
    }

    long param(String key, long fallback) {
        return params.getOrDefault(key, fallback);
    }
}
