package dev.framescope.ui.live;

import dev.framescope.engine.ProtocolMode;
import dev.framescope.ui.fx.Labels;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/**
 * The connection dialog's protocol mode: Strict or Observe, with the chosen mode's one-line explanation under it,
 * so the choice is never made blind (issue 14).
 */
final class ModeField {

    private final ChoiceBox<ProtocolMode> choice = new ChoiceBox<>();
    private final Label explanation = new Label();
    private final VBox node = new VBox(4, choice, explanation);

    ModeField() {
        choice.getItems().setAll(ProtocolMode.values());
        choice.setId("dialog-mode");
        Labels.use(choice, ProtocolMode::label);
        choice.setTooltip(new Tooltip("What a server's protocol violation does to this connection: Strict fails it "
                + "as RFC 6455 asks of a client; Observe records it and keeps watching. Both record every violation."));
        explanation.setId("dialog-mode-explanation");
        explanation.getStyleClass().add("field-hint");
        choice.valueProperty().addListener((o, was, now) -> explanation.setText(now == null ? "" : now.explanation()));
        choice.setValue(ProtocolMode.STRICT);
    }

    VBox node() {
        return node;
    }

    ProtocolMode value() {
        return choice.getValue();
    }

    void set(ProtocolMode mode) {
        choice.setValue(mode);
    }

    ChoiceBox<ProtocolMode> choice() {
        return choice;
    }

    Label explanation() {
        return explanation;
    }
}
