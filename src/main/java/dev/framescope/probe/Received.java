package dev.framescope.probe;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One thing the server did that a case's expectation lists, in order (Autobahn's {@code received} entries): a data
 * message, a ping, a pong, or a wait of ours that ran out while the connection stayed open ({@code timeout}).
 *
 * @param payload the message's or control frame's application data; a timeout's label in UTF-8; for a large
 *                message compared by digest ({@link #digested}), its SHA-256
 * @param length  the payload's length as it crossed the wire
 */
public record Received(Kind kind, byte[] payload, boolean binary, int length) {

    public enum Kind { MESSAGE, PING, PONG, TIMEOUT }

    public Received {
        Objects.requireNonNull(kind, "kind");
        payload = payload.clone();
    }

    public Received(Kind kind, byte[] payload, boolean binary) {
        this(kind, payload, binary, payload.length);
    }

    /** The same, its payload replaced by its SHA-256: 1000 echoes of 128 KiB compare in 32 bytes each. */
    public Received digested() {
        try {
            return new Received(kind, java.security.MessageDigest.getInstance("SHA-256").digest(payload), binary,
                    length);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
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

    /** In words for a report: "text message (13 bytes)", "pong 'Hello'", "no answer within the wait A". */
    public String describe() {
        return switch (kind) {
            case MESSAGE -> (binary ? "binary" : "text") + " message (" + bytes(length) + ")";
            case PING -> "ping (" + bytes(length) + ")";
            case PONG -> "pong (" + bytes(length) + ")";
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
        return o instanceof Received r && r.kind == kind && r.binary == binary && r.length == length
                && Arrays.equals(r.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, binary, length, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return describe();
    }
}
