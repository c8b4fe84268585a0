package dev.framescope.decode.subprotocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framescope.decode.DecodeFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/** Jackson, set up once for the subprotocol decoders: one strict reader and the node factory for trees. */
final class JsonText {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    // Trailing tokens fail: "42[...]" must not read as the JSON number 42.
    private static final ObjectReader STRICT = new ObjectMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonText() {
    }

    /** A JSON value, or where and why it is not one. */
    record Parsed(Optional<JsonNode> node, Optional<DecodeFailure> failure) {
    }

    /** Parses {@code bytes[from, to)}; a failure's offset is absolute (from the start of {@code bytes}). */
    static Parsed parse(byte[] bytes, int from, int to) {
        byte[] slice = Arrays.copyOfRange(bytes, from, to);
        try {
            JsonNode node = STRICT.readTree(slice);
            if (node == null || node.isMissingNode()) {
                return new Parsed(Optional.empty(), Optional.of(new DecodeFailure(to, "no JSON value (RFC 8259 §2)")));
            }
            return new Parsed(Optional.of(node), Optional.empty());
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
            long offset = from + Math.max(0, Math.min(at, slice.length));
            return new Parsed(Optional.empty(),
                    Optional.of(new DecodeFailure(offset, "invalid JSON (RFC 8259): " + e.getOriginalMessage())));
        } catch (IOException | RuntimeException e) {
            // StreamConstraintsException (nesting too deep, number too long) and the like: still a JSON failure.
            return new Parsed(Optional.empty(),
                    Optional.of(new DecodeFailure(from, "invalid JSON (RFC 8259): " + e.getMessage())));
        }
    }

    static Parsed parse(byte[] bytes) {
        return parse(bytes, 0, bytes.length);
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Text of {@code bytes[from, to)} when it is valid UTF-8. */
    static Optional<String> utf8(byte[] bytes, int from, int to) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Text of {@code bytes[from, to)}, malformed sequences replaced (for names in summaries). */
    static String lenient(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    /** A short, single-line rendering for summaries. */
    static String clip(String s, int max) {
        String line = s.replace('\n', ' ').replace('\r', ' ');
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }

    /** The payload as a tree value: text when it is UTF-8, else base64 with a marker. */
    static void putBody(ObjectNode tree, String field, byte[] bytes, int from, int to) {
        Optional<String> text = utf8(bytes, from, to);
        if (text.isPresent()) {
            tree.put(field, text.get());
        } else {
            tree.put(field + "Base64", Base64.getEncoder()
                    .encodeToString(Arrays.copyOfRange(bytes, from, to)));
        }
    }
}
