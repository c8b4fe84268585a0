package dev.framescope.ui.fx;

import java.net.InetSocketAddress;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** Rules shared by the dialogs' forms. */
public final class Forms {

    private Forms() {
    }

    /** No mnemonics (parameter names contain underscores), labels never truncated, compact spinners. */
    public static void tidy(Parent parent) {
        for (Node node : parent.getChildrenUnmodifiable()) {
            if (node instanceof Labeled labeled) {
                labeled.setMnemonicParsing(false);
                labeled.setMinWidth(Region.USE_PREF_SIZE);
            } else if (node instanceof Spinner<?> spinner) {
                spinner.setPrefWidth(84);
                spinner.setMinWidth(84);
            } else if (node instanceof ChoiceBox<?> choice) {
                choice.setMinWidth(120);
            } else if (node instanceof Parent child && !(node instanceof TextArea)) {
                if (child instanceof HBox box) {
                    box.setAlignment(Pos.CENTER_LEFT);
                }
                tidy(child);
            }
        }
    }

    /** Scrolls {@code scroll} so that {@code node}, somewhere in its content, is in view. */
    public static void reveal(ScrollPane scroll, Node node) {
        Node content = scroll.getContent();
        double y = content.sceneToLocal(node.localToScene(0, 0)).getY();
        double room = content.getLayoutBounds().getHeight() - scroll.getViewportBounds().getHeight();
        scroll.setVvalue(room <= 0 ? 0 : Math.min(1, Math.max(0, (y - 20) / room)));
    }

    /**
     * {@code host:port}, or empty for blank text.
     *
     * @throws IllegalArgumentException naming the field and the text when it is not host:port
     */
    public static Optional<InetSocketAddress> hostAndPort(String field, String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        String host = colon < 0 ? "" : t.substring(0, colon);
        String port = colon < 0 ? "" : t.substring(colon + 1);
        if (host.isBlank() || !port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException(field + ": expected host:port, not '" + text + "'");
        }
        return Optional.of(InetSocketAddress.createUnresolved(host, Integer.parseInt(port)));
    }
}
