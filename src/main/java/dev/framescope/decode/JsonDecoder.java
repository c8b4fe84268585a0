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
        byte[] b = input.bytes();
        int first = firstNonSpace(b);
        if (first < 0 || "{[\"-0123456789tfn".indexOf(b[first]) < 0) {
            return 0;
        }
        Decoded d = decode(input);
        if (!d.complete()) {
            return 0;
        }
        boolean container = d.tree().isContainerNode();
        return input.text() ? (container ? 90 : 30) : (container ? 70 : 10);
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
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n') {
                return i;
            }
        }
        return -1;
    }
}
