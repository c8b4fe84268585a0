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
 * @param headers         extra request header fields, in order (name, value)
 * @param subprotocols    offered in this order
 * @param extensionOffers Sec-WebSocket-Extensions elements in preference order, e.g.
 *                        {@code permessage-deflate; client_max_window_bits} or a free-form offer
 * @param maxMessageBytes the largest (inflated) message accepted before closing with 1009
 */
public record ConnectionSpec(URI uri, List<Header> headers, List<String> subprotocols, List<String> extensionOffers,
                             Optional<String> origin, Duration connectTimeout, Duration handshakeTimeout,
                             TlsOptions tls, Optional<InetSocketAddress> proxy, HeartbeatPolicy heartbeat,
                             ReconnectPolicy reconnect, long maxMessageBytes) {

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
            throw new IllegalArgumentException("the URL has no host: '" + uri + "'");
        }
        headers = List.copyOf(headers);
        subprotocols = List.copyOf(subprotocols);
        extensionOffers = List.copyOf(extensionOffers);
    }

    public static ConnectionSpec to(URI uri) {
        return new ConnectionSpec(uri, List.of(), List.of(), List.of(), Optional.empty(), Duration.ofSeconds(10),
                Duration.ofSeconds(10), TlsOptions.VERIFY, Optional.empty(), HeartbeatPolicy.OFF, ReconnectPolicy.OFF,
                64L * 1024 * 1024);
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

    public ConnectionSpec withHeader(String name, String value) {
        List<Header> all = new ArrayList<>(headers);
        all.add(new Header(name, value));
        return new ConnectionSpec(uri, all, subprotocols, extensionOffers, origin, connectTimeout, handshakeTimeout,
                tls, proxy, heartbeat, reconnect, maxMessageBytes);
    }

    public ConnectionSpec withSubprotocols(List<String> protocols) {
        return new ConnectionSpec(uri, headers, protocols, extensionOffers, origin, connectTimeout, handshakeTimeout,
                tls, proxy, heartbeat, reconnect, maxMessageBytes);
    }

    public ConnectionSpec withExtensionOffers(List<String> offers) {
        return new ConnectionSpec(uri, headers, subprotocols, offers, origin, connectTimeout, handshakeTimeout, tls,
                proxy, heartbeat, reconnect, maxMessageBytes);
    }

    public ConnectionSpec withOrigin(String value) {
        return new ConnectionSpec(uri, headers, subprotocols, extensionOffers, Optional.of(value), connectTimeout,
                handshakeTimeout, tls, proxy, heartbeat, reconnect, maxMessageBytes);
    }

    public ConnectionSpec withTimeouts(Duration connect, Duration handshake) {
        return new ConnectionSpec(uri, headers, subprotocols, extensionOffers, origin, connect, handshake, tls, proxy,
                heartbeat, reconnect, maxMessageBytes);
    }

    public ConnectionSpec withTls(TlsOptions options) {
        return new ConnectionSpec(uri, headers, subprotocols, extensionOffers, origin, connectTimeout,
                handshakeTimeout, options, proxy, heartbeat, reconnect, maxMessageBytes);
    }

    public ConnectionSpec withProxy(InetSocketAddress address) {
        return new ConnectionSpec(uri, headers, subprotocols, extensionOffers, origin, connectTimeout,
                handshakeTimeout, tls, Optional.of(address), heartbeat, reconnect, maxMessageBytes);
    }

    public ConnectionSpec withHeartbeat(HeartbeatPolicy policy) {
        return new ConnectionSpec(uri, headers, subprotocols, extensionOffers, origin, connectTimeout,
                handshakeTimeout, tls, proxy, policy, reconnect, maxMessageBytes);
    }

    public ConnectionSpec withReconnect(ReconnectPolicy policy) {
        return new ConnectionSpec(uri, headers, subprotocols, extensionOffers, origin, connectTimeout,
                handshakeTimeout, tls, proxy, heartbeat, policy, maxMessageBytes);
    }

    public ConnectionSpec withMaxMessageBytes(long bytes) {
        return new ConnectionSpec(uri, headers, subprotocols, extensionOffers, origin, connectTimeout,
                handshakeTimeout, tls, proxy, heartbeat, reconnect, bytes);
    }

    /** The same options aimed at another URL (a {@link ConnectionTemplate} resolved at connect time). */
    public ConnectionSpec withUri(URI target) {
        return new ConnectionSpec(target, headers, subprotocols, extensionOffers, origin, connectTimeout,
                handshakeTimeout, tls, proxy, heartbeat, reconnect, maxMessageBytes);
    }

    /** The same options with these header fields instead. */
    public ConnectionSpec withHeaders(List<Header> fields) {
        return new ConnectionSpec(uri, fields, subprotocols, extensionOffers, origin, connectTimeout,
                handshakeTimeout, tls, proxy, heartbeat, reconnect, maxMessageBytes);
    }
}
