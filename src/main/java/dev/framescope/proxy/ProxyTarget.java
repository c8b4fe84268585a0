package dev.framescope.proxy;

import java.util.Optional;

/** Where one request goes: the host as the app named it (no lookup yet), the port, and whether TLS is spoken there. */
record ProxyTarget(String host, int port, boolean tls) {

    /** {@code host:port} as in a CONNECT line, IPv6 literals in brackets; empty when it is not one. */
    static Optional<ProxyTarget> authority(String text, int defaultPort, boolean tls) {
        String host;
        String rest;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = text.substring(1, close);
            rest = text.substring(close + 1);
        } else {
            int colon = text.lastIndexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            rest = colon < 0 ? "" : text.substring(colon);
        }
        int port = defaultPort;
        if (!rest.isEmpty()) {
            if (!rest.startsWith(":")) {
                return Optional.empty();
            }
            try {
                port = Integer.parseInt(rest.substring(1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        if (host.isEmpty() || port < 1 || port > 65535 || host.contains("/") || host.contains(" ")) {
            return Optional.empty();
        }
        return Optional.of(new ProxyTarget(host, port, tls));
    }

    /** {@code host:port}, IPv6 literals in brackets. */
    String authority() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    String webSocketUrl(String path) {
        return (tls ? "wss://" : "ws://") + authority() + path;
    }
}
