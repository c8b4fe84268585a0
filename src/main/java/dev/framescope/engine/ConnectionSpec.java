package dev.framescope.engine;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to open one connection, resolved: the URI and header fields (a {@link ConnectionTemplate} with
 * its variables filled in and its auth helper applied) and the {@link ConnectionOptions} that say how. No
 * variables, nothing left to decide. Immutable; build with {@link #to(URI)} and the {@code with…} methods.
 *
 * @param headers extra request header fields, in order (name, value)
 * @param options everything else: subprotocols, extension offers, origin, timeouts, TLS, proxy, heartbeat,
 *                reconnect, message size limit
 */
public record ConnectionSpec(URI uri, List<Header> headers, ConnectionOptions options) {

    /** One request header field. */
    public record Header(String name, String value) {
        /** Parses "Name: value". */
        public static Header parse(String text) {
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("a header is 'Name: value', not '" + text + "'");
            }
            return new Header(text.substring(0, colon).trim(), text.substring(colon + 1).trim());
        }
    }

    public ConnectionSpec {
        Objects.requireNonNull(uri, "uri");
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("the URL must start with ws:// or wss://, not '" + uri + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(missingHost(uri));
        }
        headers = List.copyOf(headers);
        Objects.requireNonNull(options, "options");
    }

    /** Java's URI gives no host when the authority does not parse, most often because of a port typo (":91o1"). */
    private static String missingHost(URI uri) {
        String authority = Optional.ofNullable(uri.getRawAuthority()).orElse("");
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && !authority.endsWith("]") && !authority.substring(colon + 1).matches("\\d*")) {
            return "the port '" + authority.substring(colon + 1) + "' in '" + uri + "' is not a number (1-65535)";
        }
        return "the URL has no host: '" + uri + "'";
    }

    public static ConnectionSpec to(URI uri) {
        return new ConnectionSpec(uri, List.of(), ConnectionOptions.DEFAULTS);
    }

    public static ConnectionSpec to(String url) {
        return to(URI.create(url));
    }

    public boolean secure() {
        return uri.getScheme().equalsIgnoreCase("wss");
    }

    public int port() {
        return uri.getPort() > 0 ? uri.getPort() : secure() ? 443 : 80;
    }

    // Shorthands for options().…(): what the engine reads most.

    public List<String> subprotocols() {
        return options.subprotocols();
    }

    public List<String> extensionOffers() {
        return options.extensionOffers();
    }

    public Optional<String> origin() {
        return options.origin();
    }

    public Duration connectTimeout() {
        return options.connectTimeout();
    }

    public Duration handshakeTimeout() {
        return options.handshakeTimeout();
    }

    public TlsOptions tls() {
        return options.tls();
    }

    public Optional<InetSocketAddress> proxy() {
        return options.proxy();
    }

    public HeartbeatPolicy heartbeat() {
        return options.heartbeat();
    }

    public ReconnectPolicy reconnect() {
        return options.reconnect();
    }

    public long maxMessageBytes() {
        return options.maxMessageBytes();
    }

    public ProtocolMode mode() {
        return options.mode();
    }

    public ConnectionSpec withHeader(String name, String value) {
        List<Header> all = new ArrayList<>(headers);
        all.add(new Header(name, value));
        return new ConnectionSpec(uri, all, options);
    }

    /** The same options aimed at another URL (a {@link ConnectionTemplate} resolved at connect time). */
    public ConnectionSpec withUri(URI target) {
        return new ConnectionSpec(target, headers, options);
    }

    /** The same options with these header fields instead. */
    public ConnectionSpec withHeaders(List<Header> fields) {
        return new ConnectionSpec(uri, fields, options);
    }

    /** The same target with other options. */
    public ConnectionSpec withOptions(ConnectionOptions other) {
        return new ConnectionSpec(uri, headers, other);
    }

    public ConnectionSpec withSubprotocols(List<String> protocols) {
        return withOptions(options.withSubprotocols(protocols));
    }

    public ConnectionSpec withExtensionOffers(List<String> offers) {
        return withOptions(options.withExtensionOffers(offers));
    }

    public ConnectionSpec withOrigin(String value) {
        return withOptions(options.withOrigin(value));
    }

    public ConnectionSpec withTimeouts(Duration connect, Duration handshake) {
        return withOptions(options.withTimeouts(connect, handshake));
    }

    public ConnectionSpec withTls(TlsOptions tlsOptions) {
        return withOptions(options.withTls(tlsOptions));
    }

    public ConnectionSpec withProxy(InetSocketAddress address) {
        return withOptions(options.withProxy(address));
    }

    public ConnectionSpec withHeartbeat(HeartbeatPolicy policy) {
        return withOptions(options.withHeartbeat(policy));
    }

    public ConnectionSpec withReconnect(ReconnectPolicy policy) {
        return withOptions(options.withReconnect(policy));
    }

    public ConnectionSpec withMaxMessageBytes(long bytes) {
        return withOptions(options.withMaxMessageBytes(bytes));
    }

    public ConnectionSpec withMode(ProtocolMode mode) {
        return withOptions(options.withMode(mode));
    }
}
