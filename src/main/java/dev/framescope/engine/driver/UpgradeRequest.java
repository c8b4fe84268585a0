package dev.framescope.engine.driver;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Our opening handshake (RFC 6455 §4.1): the GET request with a fresh random key, offers and the user's fields. */
final class UpgradeRequest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private UpgradeRequest() {
    }

    /** A new Sec-WebSocket-Key: 16 random bytes, base64 (§4.1, item 7). */
    static String newKey() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /**
     * @param headers      the user's fields (Origin, Authorization, …), one line each; a Host among them replaces ours
     * @param offers       Sec-WebSocket-Extensions offers in preference order
     * @param subprotocols Sec-WebSocket-Protocol values in preference order
     */
    static byte[] bytes(URI uri, String key, Map<String, String> headers, List<String> offers,
                        List<String> subprotocols) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("GET ").append(target(uri)).append(" HTTP/1.1\r\n");
        if (headers.keySet().stream().noneMatch(n -> n.equalsIgnoreCase("Host"))) {
            line(sb, "Host", host(uri));
        }
        line(sb, "Upgrade", "websocket");
        line(sb, "Connection", "Upgrade");
        line(sb, "Sec-WebSocket-Key", key);
        line(sb, "Sec-WebSocket-Version", "13");
        if (!offers.isEmpty()) {
            line(sb, "Sec-WebSocket-Extensions", String.join(", ", offers));
        }
        if (!subprotocols.isEmpty()) {
            line(sb, "Sec-WebSocket-Protocol", String.join(", ", subprotocols));
        }
        headers.forEach((name, value) -> line(sb, name, value));
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String target(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** The host, with the port when it is not the scheme's default (RFC 6455 §4.1, item 4). */
    private static String host(URI uri) {
        boolean secure = uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).equals("wss");
        int port = uri.getPort();
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]"
                : uri.getHost();
        return port < 0 || port == (secure ? 443 : 80) ? host : host + ":" + port;
    }

    private static void line(StringBuilder sb, String name, String value) {
        sb.append(name).append(": ").append(value).append("\r\n");
    }
}
