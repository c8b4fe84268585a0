package dev.framescope.ui.fx;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Layout rules shared by the window's tool bars. */
public final class Layouts {

    private Layouts() {
    }

    /**
     * A bar where only {@code stretchy} gives way when the window is narrow: every other control keeps its full
     * width (no "Fo…" buttons), the stretchy one grows into spare room and shrinks down to {@code minWidth}.
     */
    public static void onlyThisShrinks(Pane bar, Region stretchy, double minWidth) {
        for (Node child : bar.getChildren()) {
            if (child instanceof Region r && r != stretchy) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        stretchy.setMinWidth(minWidth);
        HBox.setHgrow(stretchy, Priority.ALWAYS);
    }

    /**
     * A bar that takes a second row when the window is narrow: {@code group} stays at the end of {@code row} while
     * {@code stretchy} still gets {@code roomy} px there, else it moves to the front of {@code below}, so the
     * stretchy field keeps room to type in and nothing is cut. {@code below} shows only while it holds something
     * visible.
     */
    public static void wrapWhenNarrow(HBox row, Region stretchy, double roomy, Region group, HBox below) {
        below.managedProperty().bind(below.visibleProperty());
        Runnable showBelow = () -> below.setVisible(below.getChildren().stream().anyMatch(Node::isVisible));
        // Every child that ever joins, now or later, shows or hides the row when it shows or hides itself.
        Set<Node> watched = Collections.newSetFromMap(new WeakHashMap<>());
        Consumer<Node> watch = n -> {
            if (watched.add(n)) {
                n.visibleProperty().addListener((o, was, now) -> showBelow.run());
            }
        };
        below.getChildren().addListener((ListChangeListener<Node>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(watch);
            }
            showBelow.run();
        });
        below.getChildren().forEach(watch);
        row.widthProperty().addListener((o, was, now) -> {
            boolean wide = room(row, stretchy, group) - group.prefWidth(-1) - row.getSpacing() >= roomy;
            if (wide && below.getChildren().remove(group)) {
                row.getChildren().add(group);
            } else if (!wide && row.getChildren().remove(group)) {
                below.getChildren().add(0, group);
            }
        });
        showBelow.run();
    }

    /** What {@code stretchy} would get in {@code row} without {@code group}. */
    private static double room(HBox row, Region stretchy, Region group) {
        double others = row.snappedLeftInset() + row.snappedRightInset();
        int shown = 0;
        for (Node n : row.getChildren()) {
            if (n.isManaged() && n != group) {
                shown++;
                others += n == stretchy ? 0 : n.prefWidth(-1);
            }
        }
        return row.getWidth() - others - row.getSpacing() * Math.max(0, shown - 1);
    }
}
