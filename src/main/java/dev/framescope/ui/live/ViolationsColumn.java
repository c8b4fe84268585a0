package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent.FrameEvent;
import java.util.stream.Collectors;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;

/** The frames table's Violations column: the rule ids a frame breaks, each readable whole. */
final class ViolationsColumn {

    private static final double MAX_VIOLATIONS_WIDTH = 420;

    /**
     * Wide enough for a rule id such as MASKED_SERVER_FRAME, and widened (up to {@link #MAX_VIOLATIONS_WIDTH}) when a
     * longer one is shown, as a double click on its edge would; the cell's tooltip names each rule in full.
     */
    static TableColumn<FrameEvent, String> create() {
        TableColumn<FrameEvent, String> column = TimelineView.text("Violations", 210,
                "Rules of RFC 6455 / RFC 7692 this frame breaks (see the Violations tab)",
                f -> f.findings().stream().map(x -> x.violation().id()).distinct().collect(Collectors.joining(", ")));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String ids, boolean empty) {
                super.updateItem(ids, empty);
                boolean any = !empty && ids != null && !ids.isEmpty();
                setText(any ? "⚠ " + ids : null);
                getStyleClass().remove("violation-cell");
                FrameEvent f = any && getTableRow() != null ? getTableRow().getItem() : null;
                setTooltip(f == null ? null : new Tooltip(f.findings().stream()
                        .map(x -> x.violation().id() + " (" + x.violation().rfcSection() + "): "
                                + x.violation().message())
                        .distinct().collect(Collectors.joining("\n"))));
                if (any) {
                    getStyleClass().add("violation-cell");
                    Text probe = new Text(getText());
                    probe.setFont(getFont());
                    double need = probe.getLayoutBounds().getWidth() + snappedLeftInset() + snappedRightInset() + 12;
                    if (need > column.getWidth() && column.getWidth() < MAX_VIOLATIONS_WIDTH) {
                        column.setPrefWidth(Math.min(MAX_VIOLATIONS_WIDTH, need));
                    }
                }
            }
        });
        return column;
    }

    private ViolationsColumn() {
    }
}
