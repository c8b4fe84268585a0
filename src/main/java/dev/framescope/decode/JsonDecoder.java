package dev.framescope.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Locale;

/** JSON (RFC 8259): the tree is the JSON value itself. */
final class JsonDecoder implements PayloadDecoder {

    static final String ID = "json";

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Trees.MAX_DEPTH + 1).build())
            .build();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "JSON";
    }

    /**
     * A valid object or array: 90 in a text frame, 70 in a binary one (JSON sent as binary is common, but less
     * certain). A valid bare scalar ({@code 42}, {@code "x"}) is weak evidence: 30 / 10. Invalid: 0.
     */
    @Override
    public int detect(DecodeInput input) {
        return detection(input).score();
    }

    @Override
    public Detection detection(DecodeInput input) {
        byte[] b = input.bytes();
        int first = firstNonSpace(b);
        if (first < 0 || "{[\"-0123456789tfn".indexOf(b[first]) < 0 || !mayBeOneValue(b, first)) {
            return Detection.of(0);
        }
        Decoded d = decode(input);
        if (!d.complete()) {
            return Detection.of(0);
        }
        boolean container = d.tree().isContainerNode();
        return Detection.of(input.text() ? (container ? 90 : 30) : (container ? 70 : 10), d);
    }

    /**
     * A cheap negative before the parser (which throws, with a formatted message, on every text that is not JSON):
     * one JSON value between whitespace ends as it begins — an object with '}', an array with ']', a string with
     * '"', a literal is the literal, a number is made of number characters only. False means the parse would fail.
     * Not applied when a zero byte in the first four says UTF-16 or UTF-32, which Jackson detects and reads.
     */
    static boolean mayBeOneValue(byte[] b, int first) {
        for (int i = 0; i < Math.min(4, b.length); i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        int last = b.length - 1;
        while (last > first && isSpace(b[last])) {
            last--;
        }
        byte open = b[first];
        return switch (open) {
            case '{' -> last > first && b[last] == '}' && opensMember(b, first + 1, last);
            case '[' -> last > first && b[last] == ']';
            case '"' -> last > first && b[last] == '"';
            case 't' -> literal(b, first, last, "true");
            case 'f' -> literal(b, first, last, "false");
            case 'n' -> literal(b, first, last, "null");
            default -> numberCharacters(b, first, last);
        };
    }

    /** After '{', the next non-space byte starts a member name or closes the object. */
    private static boolean opensMember(byte[] b, int from, int last) {
        for (int i = from; i <= last; i++) {
            if (!isSpace(b[i])) {
                return b[i] == '"' || b[i] == '}';
            }
        }
        return false;
    }

    private static boolean literal(byte[] b, int first, int last, String word) {
        if (last - first + 1 != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (b[first + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean numberCharacters(byte[] b, int first, int last) {
        for (int i = first; i <= last; i++) {
            byte c = b[i];
            if ((c < '0' || c > '9') && c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    @Override
    public Decoded decode(DecodeInput input) {
        byte[] b = input.bytes();
        try (JsonParser parser = FACTORY.createParser(b)) {
            TokenTreeReader.Result r = TokenTreeReader.read(parser, b.length);
            String summary = describe(r.tree());
            return r.failure().map(f -> Trees.stopped(ID, r.tree(), "incomplete", f))
                    .orElseGet(() -> Trees.ok(ID, r.tree(), summary));
        } catch (IOException e) {
            return Trees.stopped(ID, Trees.NODES.nullNode(), "JSON", new DecodeFailure(0, e.getMessage()));
        }
    }

    static String describe(JsonNode tree) {
        if (tree.isObject()) {
            return "object with " + Trees.plural(tree.size(), "member");
        }
        if (tree.isArray()) {
            return "array of " + Trees.plural(tree.size(), "element");
        }
        return tree.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    static int firstNonSpace(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (!isSpace(b[i])) {
                return i;
            }
        }
        return -1;
    }
}
