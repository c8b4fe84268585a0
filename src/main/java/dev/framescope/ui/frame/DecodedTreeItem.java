package dev.framescope.ui.frame;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

/**
 * A node of a decoded tree as a {@link TreeItem} whose children are made only when first asked for (expanded), so
 * a payload with a million elements costs nothing until opened; each level shows at most {@link #MAX_CHILDREN}.
 */
final class DecodedTreeItem extends TreeItem<String> {

    static final int MAX_CHILDREN = 1000;
    private static final int MAX_TEXT = 300;
    private static final int MAX_BINARY = 64;

    private final JsonNode node;
    private boolean built;

    DecodedTreeItem(String key, JsonNode node) {
        super(label(key, node));
        this.node = node;
    }

    @Override
    public boolean isLeaf() {
        return !node.isContainerNode() || node.isEmpty();
    }

    @Override
    public ObservableList<TreeItem<String>> getChildren() {
        if (!built) {
            built = true;
            super.getChildren().setAll(children());
        }
        return super.getChildren();
    }

    private List<TreeItem<String>> children() {
        List<TreeItem<String>> list = new ArrayList<>();
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext() && list.size() < MAX_CHILDREN) {
                Map.Entry<String, JsonNode> e = fields.next();
                list.add(new DecodedTreeItem(e.getKey(), e.getValue()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size() && list.size() < MAX_CHILDREN; i++) {
                list.add(new DecodedTreeItem("[" + i + "]", node.get(i)));
            }
        }
        if (node.size() > MAX_CHILDREN) {
            list.add(new TreeItem<>(String.format("… %,d more not shown", node.size() - MAX_CHILDREN)));
        }
        return list;
    }

    /** "key: value" for scalars, "key {3}" for objects, "key [5]" for arrays. */
    static String label(String key, JsonNode node) {
        String prefix = key.isEmpty() ? "" : key;
        if (node.isObject()) {
            return prefix + (prefix.isEmpty() ? "" : " ") + "{" + node.size() + "}";
        }
        if (node.isArray()) {
            return prefix + (prefix.isEmpty() ? "" : " ") + "[" + node.size() + "]";
        }
        return prefix + (prefix.isEmpty() ? "" : ": ") + scalar(node);
    }

    private static String scalar(JsonNode node) {
        if (node.isBinary()) {
            byte[] b = binary(node);
            String hex = HexFormat.ofDelimiter(" ").formatHex(b, 0, Math.min(b.length, MAX_BINARY));
            return "bytes(" + b.length + ") " + hex + (b.length > MAX_BINARY ? " …" : "");
        }
        if (node.isTextual()) {
            String text = node.textValue();
            String cut = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
            return "\"" + cut.replace("\n", "\\n") + "\"";
        }
        return node.toString();
    }

    private static byte[] binary(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
