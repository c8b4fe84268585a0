package dev.framescope.probe;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One thing the server did that a case's expectation lists, in order (Autobahn's {@code received} entries): a data
 * message, a ping, a pong, or a wait of ours that ran out while the connection stayed open ({@code timeout}).
 *
 * @param payload the message's or control frame's application data; a timeout's label in UTF-8
 */
public record Received(Kind kind, byte[] payload, boolean binary) {

    public enum Kind { MESSAGE, PING, PONG, TIMEOUT }

    public Received {
        Objects.requireNonNull(kind, "kind");
        payload = payload.clone();
    }

    public static Received text(String text) {
        return new Received(Kind.MESSAGE, utf8(text), false);
    }

    public static Received text(byte[] utf8) {
        return new Received(Kind.MESSAGE, utf8, false);
    }

    public static Received binary(byte[] data) {
        return new Received(Kind.MESSAGE, data, true);
    }

    public static Received pong(String payload) {
        return pong(utf8(payload));
    }

    public static Received pong(byte[] payload) {
        return new Received(Kind.PONG, payload, false);
    }

    public static Received ping(byte[] payload) {
        return new Received(Kind.PING, payload, false);
    }

    public static Received timeout(String label) {
        return new Received(Kind.TIMEOUT, utf8(label), false);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int length() {
        return payload.length;
    }

    /** In words for a report: "text message (13 bytes)", "pong 'Hello'", "no answer within the wait A". */
    public String describe() {
        return switch (kind) {
            case MESSAGE -> (binary ? "binary" : "text") + " message (" + bytes(payload.length) + ")";
            case PING -> "ping (" + bytes(payload.length) + ")";
            case PONG -> "pong (" + bytes(payload.length) + ")";
            case TIMEOUT -> "the connection still open after wait " + new String(payload, StandardCharsets.UTF_8);
        };
    }

    static String bytes(long n) {
        return n == 1 ? "1 byte" : n + " bytes";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Received r && r.kind == kind && r.binary == binary && Arrays.equals(r.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, binary, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return describe();
    }
}
