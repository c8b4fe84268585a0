package dev.framescope.ui.live;

import dev.framescope.proxy.BreakRule;
import dev.framescope.proxy.HeldMessage;
import dev.framescope.proxy.Interception;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Intercept panel's breakpoints: a rule editor (one rule a line) with the hold timeout, the messages held now,
 * and for the one selected its frames, an editor (text, or hex), Forward, Send edited, Drop and Close with a code;
 * and a line to inject a text or binary message either way into a chosen connection (the newest by default).
 */
final class BreakpointPane extends VBox {

    private final BreakpointModel model;
    private final TextArea editor = new TextArea();
    private final CheckBox hex = new CheckBox("Hex");
    private final Label frames = new Label();

    BreakpointPane(BreakpointModel model) {
        super(6);
        this.model = model;
        setId("breakpointPane");

        TextArea rules = new TextArea();
        rules.setId("breakRules");
        rules.setPrefRowCount(2);
        rules.setPromptText("one rule a line, e.g. out:/ws/chat:text:/\"type\":\"order\"/");
        rules.setTooltip(new Tooltip(BreakRule.SYNTAX));
        rules.textProperty().bindBidirectional(model.rulesText);
        TextField timeout = new TextField();
        timeout.setId("breakTimeout");
        timeout.setPrefColumnCount(5);
        timeout.textProperty().bindBidirectional(model.timeoutText);
        Button apply = new Button("Apply breakpoints");
        apply.setId("breakApply");
        apply.setOnAction(e -> model.apply());
        Label problem = new Label();
        problem.setId("breakStatus");
        problem.setWrapText(true);
        problem.textProperty().bind(model.problem());

        ListView<HeldMessage> held = new ListView<>(model.held());
        held.setId("heldMessages");
        held.setPrefHeight(90);
        held.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(HeldMessage m, boolean empty) {
                super.updateItem(m, empty);
                setText(empty || m == null ? null : BreakpointModel.describe(m));
            }
        });
        held.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> show(now));
        model.held().addListener((javafx.collections.ListChangeListener<HeldMessage>) c -> {
            if (held.getSelectionModel().isEmpty() && !model.held().isEmpty()) {
                held.getSelectionModel().selectFirst();
            }
        });
        editor.setId("heldEditor");
        editor.setPrefRowCount(4);
        editor.setWrapText(true);
        hex.setId("heldHex");
        hex.selectedProperty().addListener((o, was, now) -> show(held.getSelectionModel().getSelectedItem()));
        frames.setId("heldFrames");
        Button forward = button("heldForward", "Forward", () -> model.forward(selected(held)));
        Button edited = button("heldSendEdited", "Send edited", () -> model.edit(selected(held), editor.getText(),
                hex.isSelected()));
        Button drop = button("heldDrop", "Drop", () -> model.drop(selected(held)));
        TextField code = new TextField("1000");
        code.setId("heldCloseCode");
        code.setPrefColumnCount(5);
        Button close = button("heldClose", "Close connection with code", () -> model.close(selected(held),
                code.getText(), "closed at a breakpoint"));
        for (Button b : new Button[] {forward, edited, drop, close}) {
            b.disableProperty().bind(held.getSelectionModel().selectedItemProperty().isNull());
        }

        TextField inject = new TextField();
        inject.setId("injectText");
        inject.setPromptText("a message to inject (text, or hex digits)");
        inject.setPrefColumnCount(20);
        CheckBox injectHex = new CheckBox("Hex");
        injectHex.setId("injectHex");
        injectHex.setTooltip(new Tooltip("Send a binary message of these hex digits instead of text"));
        ComboBox<Interception> into = new ComboBox<>();
        into.setId("injectInto");
        into.setPromptText("newest connection");
        into.setPrefWidth(220);
        into.setConverter(new StringConverter<>() {
            @Override
            public String toString(Interception i) {
                return i == null ? "newest connection" : i.label();
            }

            @Override
            public Interception fromString(String text) {
                return null;
            }
        });
        into.setOnShowing(e -> into.getItems().setAll(model.openConnections()));
        Button toServer = button("injectToServer", "Inject → server", () -> model.inject(Sender.CLIENT,
                into.getValue(), inject.getText(), injectHex.isSelected()));
        Button toApp = button("injectToApp", "Inject → app", () -> model.inject(Sender.SERVER, into.getValue(),
                inject.getText(), injectHex.isSelected()));

        getChildren().setAll(new Label("Breakpoints"), rules, new HBox(8, new Label("Hold for at most"), timeout,
                apply), problem, new Label("Held messages"), held, frames, new HBox(8, editor, hex),
                new HBox(8, forward, edited, drop, close, code), new HBox(8, inject, injectHex, into, toServer, toApp));
    }

    private static HeldMessage selected(ListView<HeldMessage> list) {
        return list.getSelectionModel().getSelectedItem();
    }

    private static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private void show(HeldMessage m) {
        if (m == null) {
            editor.setText("");
            frames.setText("");
            return;
        }
        if (m.opcode() != Opcode.TEXT && !hex.isSelected()) {
            hex.setSelected(true);
            return;
        }
        editor.setText(BreakpointModel.shown(m, hex.isSelected()));
        frames.setText("Rule " + m.rule() + "\n" + BreakpointModel.frames(m));
    }

    BreakpointModel model() {
        return model;
    }
}
