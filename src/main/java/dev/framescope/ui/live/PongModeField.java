package dev.framescope.ui.live;

import dev.framescope.engine.PongMode;
import dev.framescope.ui.fx.Labels;
import java.time.Duration;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/** The connection dialog's "answer server pings" control: auto, off, delayed by N ms, or with a custom payload. */
final class PongModeField {

    enum Choice implements Labels.Labelled {
        AUTO("automatically"), OFF("never (pong off)"), DELAYED("after a delay"), CUSTOM("with a custom payload");

        private final String text;

        Choice(String text) {
            this.text = text;
        }

        @Override
        public String label() {
            return text;
        }
    }

    private final ChoiceBox<Choice> choice = new ChoiceBox<>();
    private final Spinner<Integer> delayMs = new Spinner<>(0, 600_000, 500, 100);
    private final Label delayUnit = new Label("ms");
    private final TextField payload = new TextField();
    private final HBox node;

    PongModeField() {
        choice.getItems().setAll(Choice.values());
        choice.setValue(Choice.AUTO);
        choice.setId("dialog-pong-mode");
        choice.setConverter(Labels.converter());
        choice.setTooltip(new Tooltip("How we answer the server's pings — to test how it reacts to slow, missing or "
                + "wrong pongs (RFC 6455 §5.5.3 wants the ping's payload back, as soon as practical)"));
        delayMs.setEditable(true);
        delayMs.setId("dialog-pong-delay");
        payload.setPromptText("pong payload (UTF-8, ≤ 125 bytes)");
        payload.setId("dialog-pong-payload");
        delayMs.visibleProperty().bind(choice.valueProperty().isEqualTo(Choice.DELAYED));
        delayMs.managedProperty().bind(delayMs.visibleProperty());
        delayUnit.visibleProperty().bind(delayMs.visibleProperty());
        delayUnit.managedProperty().bind(delayMs.visibleProperty());
        payload.visibleProperty().bind(choice.valueProperty().isEqualTo(Choice.CUSTOM));
        payload.managedProperty().bind(payload.visibleProperty());
        node = new HBox(8, new Label("answer server pings"), choice, delayMs, delayUnit, payload);
        node.setAlignment(Pos.CENTER_LEFT);
    }

    HBox node() {
        return node;
    }

    /** The chosen mode; IllegalArgumentException (naming the field) for a payload longer than 125 bytes. */
    PongMode value() {
        try {
            return switch (choice.getValue()) {
                case OFF -> PongMode.OFF;
                case DELAYED -> new PongMode.Delayed(Duration.ofMillis(delayMs.getValue()));
                case CUSTOM -> new PongMode.CustomPayload(payload.getText());
                default -> PongMode.AUTO;
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Pong: " + e.getMessage());
        }
    }

    void set(PongMode mode) {
        if (mode instanceof PongMode.Delayed d) {
            choice.setValue(Choice.DELAYED);
            delayMs.getValueFactory().setValue((int) Math.min(600_000, d.delay().toMillis()));
        } else if (mode instanceof PongMode.CustomPayload p) {
            choice.setValue(Choice.CUSTOM);
            payload.setText(p.text());
        } else {
            choice.setValue(mode instanceof PongMode.Off ? Choice.OFF : Choice.AUTO);
        }
    }

    ChoiceBox<Choice> choice() {
        return choice;
    }

    TextField payloadField() {
        return payload;
    }
}
