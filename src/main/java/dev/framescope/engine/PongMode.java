package dev.framescope.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How we answer the server's pings. RFC 6455 §5.5.3 wants a pong "as soon as is practical" with the ping's
 * application data; the other modes break that on purpose, to see how a server reacts to slow, missing or wrong
 * pongs.
 */
public sealed interface PongMode {

    /** Answer at once with the ping's payload (what Java-WebSocket does by itself). */
    record Auto() implements PongMode {
    }

    /** Never answer. */
    record Off() implements PongMode {
    }

    /** Answer with the ping's payload after {@code delay}. */
    record Delayed(Duration delay) implements PongMode {
        public Delayed {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("a pong delay cannot be negative: " + delay.toMillis() + " ms");
            }
        }
    }

    /** Answer at once, but with this payload instead of the ping's (UTF-8, at most 125 bytes: RFC 6455 §5.5). */
    record CustomPayload(String text) implements PongMode {
        public CustomPayload {
            Objects.requireNonNull(text, "text");
            int length = text.getBytes(StandardCharsets.UTF_8).length;
            if (length > 125) {
                throw new IllegalArgumentException("RFC6455-5.5 a pong payload is at most 125 bytes, this one is "
                        + length);
            }
        }

        public byte[] bytes() {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    PongMode AUTO = new Auto();
    PongMode OFF = new Off();

    /** The CLI's and the session's spelling: {@code auto}, {@code off}, {@code delay=500ms}, {@code payload=TEXT}. */
    default String spelling() {
        if (this instanceof Delayed d) {
            return "delay=" + d.delay().toMillis() + "ms";
        }
        if (this instanceof CustomPayload p) {
            return "payload=" + p.text();
        }
        return this instanceof Off ? "off" : "auto";
    }

    /** Parses {@link #spelling()}; the delay takes {@code ms}, {@code s} or a bare number of milliseconds. */
    static PongMode parse(String text) {
        String t = text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("auto")) {
            return AUTO;
        }
        if (lower.equals("off")) {
            return OFF;
        }
        if (lower.startsWith("delay=")) {
            return new Delayed(millis(t.substring("delay=".length()).trim()));
        }
        if (lower.startsWith("payload=")) {
            return new CustomPayload(t.substring("payload=".length()));
        }
        throw new IllegalArgumentException("a pong mode is auto, off, delay=500ms or payload=TEXT, not '" + text + "'");
    }

    private static Duration millis(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000));
            }
            return Duration.ofMillis(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a pong delay is like 500ms or 2s, not '" + value + "'");
        }
    }
}
