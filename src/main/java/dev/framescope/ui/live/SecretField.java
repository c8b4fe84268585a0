package dev.framescope.ui.live;

import javafx.beans.property.StringProperty;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;

/**
 * A secret in an editor: shown as •••• until the user presses the eye to reveal it (editors are the only place a
 * secret is ever shown in clear).
 */
final class SecretField extends HBox {

    private final PasswordField hidden = new PasswordField();
    private final TextField shown = new TextField();
    private final ToggleButton reveal = new ToggleButton("Show");

    SecretField(String id, String prompt) {
        super(4);
        setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        hidden.setId(id);
        shown.setId(id + "-revealed");
        hidden.setPromptText(prompt);
        shown.setPromptText(prompt);
        shown.textProperty().bindBidirectional(hidden.textProperty());
        shown.visibleProperty().bind(reveal.selectedProperty());
        hidden.visibleProperty().bind(reveal.selectedProperty().not());
        reveal.setId(id + "-reveal");
        reveal.setMnemonicParsing(false);
        reveal.setTooltip(new Tooltip("Show or hide the secret"));
        StackPane both = new StackPane(hidden, shown);
        HBox.setHgrow(both, Priority.ALWAYS);
        getChildren().addAll(both, reveal);
    }

    StringProperty textProperty() {
        return hidden.textProperty();
    }

    String getText() {
        return hidden.getText();
    }

    void setText(String text) {
        hidden.setText(text);
    }

    ToggleButton revealToggle() {
        return reveal;
    }
}
