package dev.framescope.engine;

import dev.framescope.capture.Secrets;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything of a {@link ConnectionSpec} but its target: the URL and header fields belong to the
 * {@link ConnectionTemplate} (written with {@code {{variables}}}), the rest is here. A session file keeps both, so a
 * loaded session connects again as it was made ({@code setup.options}, shaped by {@code engine.io.OptionsTree}).
 */
public record ConnectionOptions(List<String> subprotocols, List<String> extensionOffers, Optional<String> origin,
                                Duration connectTimeout, Duration handshakeTimeout, TlsOptions tls,
                                Optional<InetSocketAddress> proxy, HeartbeatPolicy heartbeat, ReconnectPolicy reconnect,
                                long maxMessageBytes) {

    /** What {@link ConnectionSpec#to(java.net.URI)} starts from. */
    public static final ConnectionOptions DEFAULTS = of(ConnectionSpec.to("ws://localhost/"));

    public ConnectionOptions {
        subprotocols = List.copyOf(subprotocols);
        extensionOffers = List.copyOf(extensionOffers);
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(reconnect, "reconnect");
    }

    public static ConnectionOptions of(ConnectionSpec spec) {
        return new ConnectionOptions(spec.subprotocols(), spec.extensionOffers(), spec.origin(),
                spec.connectTimeout(), spec.handshakeTimeout(), spec.tls(), spec.proxy(), spec.heartbeat(),
                spec.reconnect(), spec.maxMessageBytes());
    }

    /** {@code target}'s URL and header fields with these options (its own options are replaced). */
    public ConnectionSpec applyTo(ConnectionSpec target) {
        return new ConnectionSpec(target.uri(), target.headers(), subprotocols, extensionOffers, origin,
                connectTimeout, handshakeTimeout, tls, proxy, heartbeat, reconnect, maxMessageBytes);
    }

    /**
     * Kubernetes (exec, attach, port-forward) carries a bearer token in a subprotocol:
     * {@code base64url.bearer.authorization.k8s.io.<token>}.
     */
    public static final String BEARER_SUBPROTOCOL = "base64url.bearer.authorization.k8s.io.";

    /** What exports must hide: the client key store's password, and a bearer token carried in a subprotocol. */
    public Secrets secrets() {
        Set<String> values = new java.util.HashSet<>();
        String password = new String(tls.clientKeyStorePassword());
        if (!password.isEmpty()) {
            values.add(password);
        }
        subprotocols.stream().map(ConnectionOptions::bearerToken).flatMap(Optional::stream).forEach(values::add);
        return values.isEmpty() ? Secrets.NONE : new Secrets(Set.of(), Set.of(), values);
    }

    /** The token of a subprotocol that carries one ({@link #BEARER_SUBPROTOCOL}). */
    public static Optional<String> bearerToken(String subprotocol) {
        return subprotocol.startsWith(BEARER_SUBPROTOCOL) && subprotocol.length() > BEARER_SUBPROTOCOL.length()
                ? Optional.of(subprotocol.substring(BEARER_SUBPROTOCOL.length())) : Optional.empty();
    }
}
