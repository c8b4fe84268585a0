package dev.framescope.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The application data of a ping or pong (at most 125 bytes, RFC 6455 §5.5), compared by content: pongs are matched
 * to pings by it (§5.5.3).
 */
final class PingPayload {

    private final byte[] bytes;

    private PingPayload(byte[] bytes) {
        this.bytes = bytes;
    }

    static PingPayload of(byte[] bytes) {
        return new PingPayload(bytes.clone());
    }

    static PingPayload utf8(String text) {
        return new PingPayload(text.getBytes(StandardCharsets.UTF_8));
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PingPayload p && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
