package dev.framescope.engine.io;

import dev.framescope.engine.ConnectionOptions;
import dev.framescope.engine.HeartbeatPolicy;
import dev.framescope.engine.PongMode;
import dev.framescope.engine.ProtocolMode;
import dev.framescope.engine.ReconnectPolicy;
import dev.framescope.engine.TlsOptions;
import java.net.InetSocketAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ConnectionOptions} as a tree of plain maps and lists for the session file (docs/session-format.md,
 * {@code setup.options}). Durations are whole milliseconds; the key store's password is a secret, written only when
 * kept. Reading is tolerant key by key: what is missing or unreadable takes the default.
 */
public final class OptionsTree {

    private OptionsTree() {
    }

    public static Map<String, Object> toTree(ConnectionOptions o, boolean keepSecrets) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("subprotocols", keepSecrets ? o.subprotocols() : o.subprotocols().stream()
                .map(p -> ConnectionOptions.bearerToken(p).isPresent()
                        ? ConnectionOptions.BEARER_SUBPROTOCOL + "[redacted]" : p).toList());
        t.put("extensionOffers", o.extensionOffers());
        o.origin().ifPresent(v -> t.put("origin", v));
        t.put("connectTimeoutMillis", o.connectTimeout().toMillis());
        t.put("handshakeTimeoutMillis", o.handshakeTimeout().toMillis());
        t.put("maxMessageBytes", o.maxMessageBytes());
        t.put("mode", o.mode().spelling());
        o.proxy().ifPresent(p -> {
            Map<String, Object> proxy = new LinkedHashMap<>();
            proxy.put("host", p.getHostString());
            proxy.put("port", p.getPort());
            t.put("proxy", proxy);
        });
        t.put("tls", tls(o.tls(), keepSecrets));
        t.put("heartbeat", heartbeat(o.heartbeat()));
        t.put("reconnect", reconnect(o.reconnect()));
        return t;
    }

    private static Map<String, Object> tls(TlsOptions tls, boolean keepSecrets) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("insecure", tls.insecure());
        tls.extraTrustedCa().ifPresent(p -> t.put("caFile", p.toString()));
        tls.clientKeyStore().ifPresent(p -> t.put("clientKeyStore", p.toString()));
        String password = new String(tls.clientKeyStorePassword());
        if (keepSecrets && !password.isEmpty()) {
            t.put("clientKeyStorePassword", password);
        }
        return t;
    }

    private static Map<String, Object> heartbeat(HeartbeatPolicy h) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("intervalMillis", h.interval().toMillis());
        t.put("pongTimeoutMillis", h.pongTimeout().toMillis());
        t.put("payloadPrefix", h.payloadPrefix());
        t.put("onMissed", h.onMissed().name());
        t.put("pong", h.pong().spelling());
        return t;
    }

    private static Map<String, Object> reconnect(ReconnectPolicy r) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("enabled", r.enabled());
        t.put("initialDelayMillis", r.initialDelay().toMillis());
        t.put("multiplier", r.multiplier());
        t.put("maxDelayMillis", r.maxDelay().toMillis());
        t.put("maxAttempts", r.maxAttempts());
        return t;
    }

    /**
     * Reads {@link #toTree}'s shape. A key that is missing, or whose value cannot be read, takes its default, so
     * files written before a key existed, and damaged values, still give a connection that can be made.
     */
    public static ConnectionOptions fromTree(Map<?, ?> t) {
        ConnectionOptions d = ConnectionOptions.DEFAULTS;
        Optional<InetSocketAddress> proxy = map(t, "proxy").flatMap(OptionsTree::proxy);
        long maxMessageBytes = number(t, "maxMessageBytes").map(Number::longValue).filter(n -> n > 0)
                .orElse(d.maxMessageBytes());
        return new ConnectionOptions(strings(t, "subprotocols"), strings(t, "extensionOffers"), text(t, "origin"),
                millis(t, "connectTimeoutMillis", d.connectTimeout()),
                millis(t, "handshakeTimeoutMillis", d.handshakeTimeout()),
                map(t, "tls").map(OptionsTree::tls).orElse(d.tls()), proxy,
                map(t, "heartbeat").map(OptionsTree::heartbeat).orElse(d.heartbeat()),
                map(t, "reconnect").map(OptionsTree::reconnect).orElse(d.reconnect()), maxMessageBytes, mode(t));
    }

    /** Files written before the mode existed were made by a strict client. */
    private static ProtocolMode mode(Map<?, ?> t) {
        try {
            return text(t, "mode").map(ProtocolMode::parse).orElse(ProtocolMode.STRICT);
        } catch (IllegalArgumentException e) {
            return ProtocolMode.STRICT;
        }
    }

    private static TlsOptions tls(Map<?, ?> t) {
        char[] password = text(t, "clientKeyStorePassword").orElse("").toCharArray();
        return new TlsOptions(path(t, "caFile"), path(t, "clientKeyStore"), password,
                Boolean.TRUE.equals(t.get("insecure")));
    }

    private static HeartbeatPolicy heartbeat(Map<?, ?> t) {
        HeartbeatPolicy d = HeartbeatPolicy.OFF;
        HeartbeatPolicy.OnMissed onMissed = d.onMissed();
        PongMode pong = PongMode.AUTO;
        try {
            onMissed = HeartbeatPolicy.OnMissed.valueOf(text(t, "onMissed").orElse(onMissed.name())
                    .toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // An unknown reaction: report, the default.
        }
        try {
            pong = PongMode.parse(text(t, "pong").orElse("auto"));
        } catch (IllegalArgumentException e) {
            // An unreadable pong mode: answer automatically, the default.
        }
        return new HeartbeatPolicy(millis(t, "intervalMillis", d.interval()),
                millis(t, "pongTimeoutMillis", d.pongTimeout()), text(t, "payloadPrefix").orElse(d.payloadPrefix()),
                onMissed, pong);
    }

    private static ReconnectPolicy reconnect(Map<?, ?> t) {
        ReconnectPolicy d = ReconnectPolicy.OFF;
        double multiplier = number(t, "multiplier").map(Number::doubleValue)
                .filter(m -> m > 0 && Double.isFinite(m)).orElse(d.multiplier());
        int attempts = number(t, "maxAttempts").map(Number::intValue).filter(n -> n >= 0).orElse(d.maxAttempts());
        return new ReconnectPolicy(Boolean.TRUE.equals(t.get("enabled")),
                millis(t, "initialDelayMillis", d.initialDelay()), multiplier,
                millis(t, "maxDelayMillis", d.maxDelay()), attempts);
    }

    private static Optional<InetSocketAddress> proxy(Map<?, ?> t) {
        Optional<String> host = text(t, "host").filter(h -> !h.isBlank());
        Optional<Integer> port = number(t, "port").map(Number::intValue).filter(p -> p > 0 && p <= 65535);
        if (host.isEmpty() || port.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(InetSocketAddress.createUnresolved(host.get(), port.get()));
    }

    private static Duration millis(Map<?, ?> t, String key, Duration fallback) {
        return number(t, key).map(Number::longValue).filter(n -> n >= 0).map(Duration::ofMillis).orElse(fallback);
    }

    private static Optional<Number> number(Map<?, ?> t, String key) {
        return t.get(key) instanceof Number n ? Optional.of(n) : Optional.empty();
    }

    private static Optional<String> text(Map<?, ?> t, String key) {
        return t.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    private static Optional<Path> path(Map<?, ?> t, String key) {
        try {
            return text(t, key).filter(s -> !s.isBlank()).map(Path::of);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static Optional<Map<?, ?>> map(Map<?, ?> t, String key) {
        return t.get(key) instanceof Map<?, ?> m ? Optional.of(m) : Optional.empty();
    }

    private static List<String> strings(Map<?, ?> t, String key) {
        List<String> out = new ArrayList<>();
        if (t.get(key) instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(out::add);
        }
        return out;
    }
}
