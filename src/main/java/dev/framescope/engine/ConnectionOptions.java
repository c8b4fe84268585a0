package dev.framescope.engine;

import dev.framescope.capture.Secrets;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to connect, apart from the target: everything of a {@link ConnectionSpec} but its URI and header fields, which
 * the user writes in a {@link ConnectionTemplate} (with {@code {{variables}}}). A session file keeps both, so a
 * loaded session connects again as it was made ({@code setup.options}, shaped by {@code engine.io.OptionsTree}).
 */
public record ConnectionOptions(List<String> subprotocols, List<String> extensionOffers, Optional<String> origin,
                                Duration connectTimeout, Duration handshakeTimeout, TlsOptions tls,
                                Optional<InetSocketAddress> proxy, HeartbeatPolicy heartbeat, ReconnectPolicy reconnect,
                                long maxMessageBytes, ProtocolMode mode) {

    /** What {@link ConnectionSpec#to(java.net.URI)} starts from: no offers, 10 s timeouts, verified TLS, 64 MiB. */
    public static final ConnectionOptions DEFAULTS = new ConnectionOptions(List.of(), List.of(), Optional.empty(),
            Duration.ofSeconds(10), Duration.ofSeconds(10), TlsOptions.VERIFY, Optional.empty(), HeartbeatPolicy.OFF,
            ReconnectPolicy.OFF, 64L * 1024 * 1024, ProtocolMode.STRICT);

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
        Objects.requireNonNull(mode, "mode");
    }

    public static ConnectionOptions of(ConnectionSpec spec) {
        return spec.options();
    }

    /** {@code target}'s URL and header fields with these options (its own options are replaced). */
    public ConnectionSpec applyTo(ConnectionSpec target) {
        return target.withOptions(this);
    }

    public ConnectionOptions withSubprotocols(List<String> protocols) {
        return new ConnectionOptions(protocols, extensionOffers, origin, connectTimeout, handshakeTimeout, tls, proxy,
                heartbeat, reconnect, maxMessageBytes, mode);
    }

    public ConnectionOptions withExtensionOffers(List<String> offers) {
        return new ConnectionOptions(subprotocols, offers, origin, connectTimeout, handshakeTimeout, tls, proxy,
                heartbeat, reconnect, maxMessageBytes, mode);
    }

    public ConnectionOptions withOrigin(String value) {
        return new ConnectionOptions(subprotocols, extensionOffers, Optional.of(value), connectTimeout,
                handshakeTimeout, tls, proxy, heartbeat, reconnect, maxMessageBytes, mode);
    }

    public ConnectionOptions withTimeouts(Duration connect, Duration handshake) {
        return new ConnectionOptions(subprotocols, extensionOffers, origin, connect, handshake, tls, proxy, heartbeat,
                reconnect, maxMessageBytes, mode);
    }

    public ConnectionOptions withTls(TlsOptions options) {
        return new ConnectionOptions(subprotocols, extensionOffers, origin, connectTimeout, handshakeTimeout, options,
                proxy, heartbeat, reconnect, maxMessageBytes, mode);
    }

    public ConnectionOptions withProxy(InetSocketAddress address) {
        return new ConnectionOptions(subprotocols, extensionOffers, origin, connectTimeout, handshakeTimeout, tls,
                Optional.of(address), heartbeat, reconnect, maxMessageBytes, mode);
    }

    public ConnectionOptions withHeartbeat(HeartbeatPolicy policy) {
        return new ConnectionOptions(subprotocols, extensionOffers, origin, connectTimeout, handshakeTimeout, tls,
                proxy, policy, reconnect, maxMessageBytes, mode);
    }

    public ConnectionOptions withReconnect(ReconnectPolicy policy) {
        return new ConnectionOptions(subprotocols, extensionOffers, origin, connectTimeout, handshakeTimeout, tls,
                proxy, heartbeat, policy, maxMessageBytes, mode);
    }

    public ConnectionOptions withMaxMessageBytes(long bytes) {
        return new ConnectionOptions(subprotocols, extensionOffers, origin, connectTimeout, handshakeTimeout, tls,
                proxy, heartbeat, reconnect, bytes, mode);
    }

    public ConnectionOptions withMode(ProtocolMode other) {
        return new ConnectionOptions(subprotocols, extensionOffers, origin, connectTimeout, handshakeTimeout, tls,
                proxy, heartbeat, reconnect, maxMessageBytes, other);
    }

    /**
     * Kubernetes (exec, attach, port-forward) carries a bearer token in a subprotocol:
     * {@code base64url.bearer.authorization.k8s.io.<token>}.
     */
    public static final String BEARER_SUBPROTOCOL = "base64url.bearer.authorization.k8s.io.";

    /** What exports must hide: the client key store's password, and a bearer token carried in a subprotocol. */
    public Secrets secrets() {
        Set<String> values = new HashSet<>();
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
