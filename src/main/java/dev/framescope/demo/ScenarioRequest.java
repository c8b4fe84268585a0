package dev.framescope.demo;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A parsed demo request: which {@link DemoScenario} and its numeric query parameters. */
record ScenarioRequest(DemoScenario kind, Map<String, Long> params) {

    private static final String CLOSE_PREFIX = DemoScenario.CLOSE.path() + "/";

    static Optional<ScenarioRequest> parse(String resource) {
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
        if (path.startsWith(CLOSE_PREFIX) && path.substring(CLOSE_PREFIX.length()).matches("\\d{1,4}")) {
            params.put("code", Long.parseLong(path.substring(CLOSE_PREFIX.length())));
            return Optional.of(new ScenarioRequest(DemoScenario.CLOSE, params));
        }
        if (path.isEmpty() || path.equals("/")) {
            return Optional.of(new ScenarioRequest(DemoScenario.ECHO, params));
        }
        // The close scenario needs its code in the path.
        return DemoScenario.byPath(path).filter(kind -> kind != DemoScenario.CLOSE)
                .map(kind -> new ScenarioRequest(kind, params));
    }

    long param(String key, long fallback) {
        return params.getOrDefault(key, fallback);
    }
}
