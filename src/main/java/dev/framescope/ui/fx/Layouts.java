package dev.framescope.ui.fx;

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
}
