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
    enum Source { FILTER, COMPOSER, OFFER }

    /** What the strip says for one source, and a button when it offers something to do. */
    private record Entry(String text, Optional<String> actionLabel, Runnable action) {
    }

    private final Label text = new Label();
    private final Button act = new Button();
    private final Map<Optional<LiveConnection>, Map<Source, Entry>> problems = new HashMap<>();
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
        act.setId("notification-action");
        act.managedProperty().bind(act.visibleProperty());
        getChildren().addAll(text, act, dismiss);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));
        managedProperty().bind(visibleProperty());
        refresh();
    }

    /** A problem of the connection shown now; empty text withdraws that source's problem. */
    void report(Source source, String problem) {
        put(current, source, problem.isEmpty() ? Optional.empty()
                : Optional.of(new Entry("⚠ " + problem, Optional.empty(), () -> { })));
    }

    /** An offer for {@code owner} (shown when it is the connection on screen): the text and a button that acts. */
    void offer(LiveConnection owner, String text, String actionLabel, Runnable action) {
        put(Optional.of(owner), Source.OFFER, Optional.of(new Entry(text, Optional.of(actionLabel), () -> {
            action.run();
            put(Optional.of(owner), Source.OFFER, Optional.empty());
        })));
    }

    /** An offer about the window rather than one connection, shown with the connection on screen now. */
    void offerHere(String text, String actionLabel, Runnable action) {
        Optional<LiveConnection> owner = current;
        put(owner, Source.OFFER, Optional.of(new Entry(text, Optional.of(actionLabel), () -> {
            put(owner, Source.OFFER, Optional.empty());
            action.run();
        })));
    }

    private void put(Optional<LiveConnection> owner, Source source, Optional<Entry> entry) {
        Map<Source, Entry> mine = problems.computeIfAbsent(owner, k -> new EnumMap<>(Source.class));
        entry.ifPresentOrElse(e -> {
            mine.put(source, e);
            latest = Optional.of(source);
        }, () -> mine.remove(source));
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
        Map<Source, Entry> mine = problems.getOrDefault(current, Map.of());
        Optional<Entry> show = latest.map(mine::get).or(() -> mine.values().stream().findFirst());
        text.setText(show.map(Entry::text).orElse(""));
        act.setText(show.flatMap(Entry::actionLabel).orElse(""));
        act.setVisible(show.flatMap(Entry::actionLabel).isPresent());
        act.setOnAction(e -> show.ifPresent(entry -> entry.action().run()));
        setVisible(show.isPresent());
    }
}
