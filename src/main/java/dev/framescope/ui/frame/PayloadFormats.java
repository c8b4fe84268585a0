package dev.framescope.ui.frame;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Pure renderings of a payload for the payload tabs. */
public final class PayloadFormats {

    /** Made with the first JSON payload, not when the empty frame detail is built before the first paint. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

        private Json() {
        }
    }

    private PayloadFormats() {
    }

    /**
     * Applies the masking key (RFC 6455 §5.3): byte i of the payload is XORed with key byte (i mod 4). Masking and
     * unmasking are the same operation.
     *
     * @param startIndex index of {@code data[0]} within the frame's payload, for a chunk that does not start at 0
     */
    public static byte[] mask(byte[] data, int maskingKey, long startIndex) {
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            int shift = 24 - 8 * (int) ((startIndex + i) & 3);
            out[i] = (byte) (data[i] ^ (maskingKey >>> shift));
        }
        return out;
    }

    /** The bytes decoded as UTF-8; malformed sequences show as U+FFFD rather than failing. */
    public static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** The payload pretty-printed, when it is one valid JSON value. */
    public static Optional<String> prettyJson(byte[] data) {
        if (data.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(data);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(Json.MAPPER.writeValueAsString(node));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    /** "5 B", "1,234 B", "1.5 KiB", "2.0 MiB". */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return String.format("%,d B", bytes);
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
