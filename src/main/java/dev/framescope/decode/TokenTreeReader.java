package dev.framescope.decode;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Builds a tree from a Jackson token stream (JSON, CBOR) one token at a time, so that when the parser gives up the
 * tree decoded so far survives — {@code ObjectMapper.readTree} would throw it away. Exactly one top-level value is
 * read; anything after it is reported as trailing data.
 */
final class TokenTreeReader {

    record Result(JsonNode tree, Optional<DecodeFailure> failure) {
    }

    private TokenTreeReader() {
    }

    static Result read(JsonParser parser, int inputLength) {
        Deque<ContainerNode<?>> open = new ArrayDeque<>();
        JsonNode[] root = {Trees.NODES.nullNode()};
        String name = null;
        try {
            JsonToken token;
            do {
                token = parser.nextToken();
                if (token == null) {
                    String what = open.isEmpty() ? "no value at all" : Trees.plural(open.size(), "container") + " still open";
                    return stop(root[0], offset(parser.currentLocation(), inputLength), "input ended: " + what);
                }
                switch (token) {
                    case FIELD_NAME -> name = parser.currentName();
                    case START_OBJECT, START_ARRAY -> {
                        if (open.size() >= Trees.MAX_DEPTH) {
                            return stop(root[0], offset(parser.currentTokenLocation(), inputLength), Trees.tooDeep());
                        }
                        ContainerNode<?> node = token == JsonToken.START_OBJECT ? Trees.NODES.objectNode()
                                : Trees.NODES.arrayNode();
                        attach(open, root, name, node);
                        open.push(node);
                    }
                    case END_OBJECT, END_ARRAY -> open.pop();
                    default -> attach(open, root, name, scalar(parser, token));
                }
            } while (!open.isEmpty());
            long end = parser.currentLocation().getByteOffset();
            if (parser.nextToken() != null) {
                return stop(root[0], offset(parser.currentTokenLocation(), inputLength),
                        "trailing data after the first value (it ended at byte " + end + ")");
            }
            return new Result(root[0], Optional.empty());
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
            return stop(root[0], offset(where, inputLength), e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            return stop(root[0], offset(parser.currentLocation(), inputLength), String.valueOf(e.getMessage()));
        }
    }

    private static void attach(Deque<ContainerNode<?>> open, JsonNode[] root, String name, JsonNode value) {
        ContainerNode<?> parent = open.peek();
        if (parent == null) {
            root[0] = value;
        } else if (parent instanceof ObjectNode object) {
            object.set(name == null ? "" : name, value);
        } else {
            ((ArrayNode) parent).add(value);
        }
    }

    private static JsonNode scalar(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> Trees.NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> Trees.NODES.numberNode(parser.getIntValue());
                case LONG -> Trees.NODES.numberNode(parser.getLongValue());
                default -> Trees.NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                    ? Trees.NODES.numberNode(parser.getDecimalValue())
                    : parser.getNumberType() == JsonParser.NumberType.FLOAT
                    ? Trees.NODES.numberNode(parser.getFloatValue())
                    : Trees.NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> Trees.NODES.booleanNode(true);
            case VALUE_FALSE -> Trees.NODES.booleanNode(false);
            case VALUE_EMBEDDED_OBJECT -> {
                Object embedded = parser.getEmbeddedObject();
                yield embedded instanceof byte[] bytes ? Trees.NODES.binaryNode(bytes)
                        : Trees.NODES.textNode(String.valueOf(embedded));
            }
            default -> Trees.NODES.nullNode();
        };
    }

    private static long offset(JsonLocation location, int inputLength) {
        long at = location == null ? 0 : location.getByteOffset();
        return Math.max(0, Math.min(at < 0 ? 0 : at, inputLength));
    }

    private static Result stop(JsonNode tree, long offset, String reason) {
        return new Result(tree, Optional.of(new DecodeFailure(offset, reason)));
    }
}
