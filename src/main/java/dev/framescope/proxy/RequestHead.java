package dev.framescope.proxy;

import dev.framescope.wire.HttpHead;
import dev.framescope.wire.HttpHeadParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * One HTTP request head read from the app, with the bytes exactly as they came and whatever followed the head in the
 * same reads (the start of the body or of the first frames).
 *
 * @param bytes everything read: the head, then {@link #rest}
 */
record RequestHead(HttpHead head, byte[] bytes) {

    /**
     * Reads until the blank line that ends a head, starting with {@code already} (bytes read before); empty when the
     * stream ends first, or the bytes are no HTTP head (garbage is not a request).
     */
    static Optional<RequestHead> read(InputStream in, byte[] already) throws IOException {
        HttpHeadParser parser = new HttpHeadParser();
        Optional<HttpHead> head = already.length == 0 ? Optional.empty() : parser.feed(already, 0, already.length);
        byte[] buf = new byte[8192];
        while (head.isEmpty()) {
            int n = in.read(buf);
            if (n < 0) {
                return Optional.empty();
            }
            head = parser.feed(buf, 0, n);
        }
        return head.filter(HttpHead::complete).map(h -> new RequestHead(h, parser.received()));
    }

    String method() {
        return part(0);
    }

    String target() {
        return part(1);
    }

    private String part(int i) {
        String[] parts = head.startLine().split(" ");
        return parts.length > i ? parts[i] : "";
    }

    /** An upgrade to WebSocket (RFC 6455 §4.1: {@code Upgrade: websocket}), whatever else is right or wrong with it. */
    boolean isWebSocketUpgrade() {
        return head.headers().all("Upgrade").stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("websocket"));
    }

    /** The bytes after the head. */
    byte[] rest() {
        return Arrays.copyOfRange(bytes, head.headLength(), bytes.length);
    }

    /**
     * The head to send a server: the request line in origin form ({@code GET /path HTTP/1.1} for an absolute-form
     * {@code GET http://host/path}), without the proxy's own fields ({@code Proxy-Connection},
     * {@code Proxy-Authorization}); with {@code close}, {@code Connection: close} so that the next request of the app
     * comes to us again. Every other field is kept as the app sent it, in order.
     */
    byte[] forServer(String originTarget, boolean close) {
        String text = new String(bytes, 0, head.headLength(), StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r\n", -1);
        StringBuilder out = new StringBuilder();
        String[] start = head.startLine().split(" ");
        out.append(start[0]).append(' ').append(originTarget).append(' ')
                .append(start.length > 2 ? start[2] : "HTTP/1.1").append("\r\n");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT)
                    : "";
            if (name.startsWith("proxy-") || close && (name.equals("connection") || name.equals("keep-alive"))) {
                continue;
            }
            out.append(line).append("\r\n");
        }
        if (close) {
            out.append("Connection: close\r\n");
        }
        out.append("\r\n");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(out.toString().getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(rest());
        return b.toByteArray();
    }
}
