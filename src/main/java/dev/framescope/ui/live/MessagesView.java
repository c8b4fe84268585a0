package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent.MessageEvent;
import dev.framescope.capture.text.FrameText;
import dev.framescope.wire.Message;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The Messages view of the timeline: one row per reassembled message (fragments grouped under it); selecting one
 * shows the message and its fragments in the Message tab.
 */
public final class MessagesView extends TableView<MessageEvent> {

    public MessagesView(TimelineModel model) {
        super(model.messages());
        setId("message-table");
        getStyleClass().add("frame-table");
        setFixedCellSize(34);
        Label placeholder = new Label();
        placeholder.textProperty().bind(javafx.beans.binding.Bindings.when(model.messagesLoadingProperty())
                .then("Reading the messages captured so far…").otherwise("No complete messages yet"));
        setPlaceholder(placeholder);
        getColumns().addAll(List.of(
                column("#", 76, m -> Long.toString(model.messageNumber(m))),
                column("Time", 90, m -> model.log().map(l -> String.format(Locale.ROOT, "%.3f",
                        l.secondsSinceStart(m.nanos()))).orElse("")),
                column("Dir", 52, m -> m.dir().arrow()),
                proxyColumn(model),
                column("Type", 80, m -> m.header().opcode().shortName()),
                column("Frames", 70, m -> m.header().frameCount() == 0 ? "—" : Integer.toString(m.header().frameCount())),
                column("Length", 90, m -> Long.toString(m.header().length())),
                column("Compressed", 100, m -> m.header().compressed() ? m.header().wireLength() + " B" : ""),
                column("Violations", 220, m -> m.header().findings().stream().map(f -> f.violation().id()).distinct()
                        .collect(Collectors.joining(", "))),
                column("Content", 480, m -> RelayBadge.prefixed(RelayBadge.ofMessage(model, m), preview(m)))));
        model.relayMarksProperty().addListener((o, was, now) -> refresh());
    }

    /** Shown while the connection has messages the intercepting proxy marked. */
    private static TableColumn<MessageEvent, String> proxyColumn(TimelineModel model) {
        TableColumn<MessageEvent, String> c = column("Proxy", 96, m -> RelayBadge.word(model, m.seq()));
        c.visibleProperty().bind(model.relayMarkedProperty());
        return c;
    }

    static String preview(MessageEvent m) {
        Message msg = m.message();
        return FrameText.plain(msg.payload(), msg.isText(), 160);
    }

    private static TableColumn<MessageEvent, String> column(String title, double width,
                                                          Function<MessageEvent, String> value) {
        TableColumn<MessageEvent, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.getStyleClass().add("mono-column");
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        return c;
    }
}
