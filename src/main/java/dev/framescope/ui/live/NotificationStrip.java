package dev.framescope.ui.live;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * Inline errors in one fixed place under the toolbar, never in a toolbar row: the text wraps and can be read whole,
 * and belongs to the connection it came from (switching connections shows that connection's, or none).
 */
final class NotificationStrip extends HBox {

    /** Where a problem came from; a newer one from the same source replaces the older. */
    enum Source { FILTER, COMPOSER }

    private final Label text = new Label();
    private final Map<Optional<LiveConnection>, Map<Source, String>> problems = new HashMap<>();
    private Optional<LiveConnection> current = Optional.empty();
    private Optional<Source> latest = Optional.empty();

    NotificationStrip() {
        super(8);
        setId("notification-strip");
        getStyleClass().add("notification-strip");
        text.setId("notification-text");
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button dismiss = new Button("✕");
        dismiss.setId("notification-dismiss");
        dismiss.getStyleClass().add("flat");
        dismiss.setTooltip(new Tooltip("Dismiss"));
        dismiss.setOnAction(e -> dismiss());
        getChildren().addAll(text, dismiss);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));
        managedProperty().bind(visibleProperty());
        refresh();
    }

    /** A problem of the connection shown now; empty text withdraws that source's problem. */
    void report(Source source, String problem) {
        Map<Source, String> mine = problems.computeIfAbsent(current, k -> new EnumMap<>(Source.class));
        if (problem.isEmpty()) {
            mine.remove(source);
        } else {
            mine.put(source, problem);
            latest = Optional.of(source);
        }
        refresh();
    }

    /** Another connection is shown: its problems, not the last one's. */
    void connectionChanged(Optional<LiveConnection> now) {
        current = now;
        refresh();
    }

    /** The text shown; empty when the strip is hidden. */
    String shown() {
        return isVisible() ? text.getText() : "";
    }

    private void dismiss() {
        problems.remove(current);
        refresh();
    }

    private void refresh() {
        Map<Source, String> mine = problems.getOrDefault(current, Map.of());
        Optional<String> show = latest.map(mine::get).or(() -> mine.values().stream().findFirst());
        text.setText(show.map(s -> "⚠ " + s).orElse(""));
        setVisible(show.isPresent());
    }
}
