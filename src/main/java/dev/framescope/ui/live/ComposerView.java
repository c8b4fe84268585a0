package dev.framescope.ui.live;

import dev.framescope.engine.Connection;
import dev.framescope.wire.Opcode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** Sends to the selected connection: a text message (in N fragments), a ping, or a close. */
public final class ComposerView extends HBox {

    private final TextField message = new TextField();
    private final Spinner<Integer> fragments = new Spinner<>(1, 64, 1);
    private final Label status = new Label();
    private final Supplier<Optional<Connection>> target;

    public ComposerView(Supplier<Optional<Connection>> target) {
        super(8);
        this.target = target;
        setId("composer");
        setAlignment(Pos.CENTER_LEFT);
        message.setId("composer-text");
        message.setPromptText("Message to send (Enter sends)");
        message.setOnAction(e -> send());
        HBox.setHgrow(message, Priority.ALWAYS);
        fragments.setPrefWidth(72);
        fragments.setTooltip(new Tooltip("Send the message as this many frames (RFC 6455 §5.4)"));
        Button send = new Button("Send");
        send.setId("composer-send");
        send.setDefaultButton(false);
        send.setOnAction(e -> send());
        Button ping = new Button("Ping");
        ping.setTooltip(new Tooltip("Send a ping with the text as payload (at most 125 bytes)"));
        ping.setOnAction(e -> act(c -> c.ping(limit(message.getText()))));
        Button close = new Button("Close 1000");
        close.setOnAction(e -> act(c -> c.close(1000, "closed from Framescope")));
        status.getStyleClass().add("composer-status");
        getChildren().addAll(new Label("Compose"), message, new Label("fragments"), fragments, send, ping, close,
                status);
    }

    public TextField messageField() {
        return message;
    }

    private void send() {
        String text = message.getText();
        int n = fragments.getValue();
        act(c -> {
            if (n <= 1) {
                c.sendText(text);
            } else {
                c.sendFragmented(Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8), n);
            }
        });
    }

    private static byte[] limit(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return b.length <= 125 ? b : java.util.Arrays.copyOf(b, 125);
    }

    private void act(java.util.function.Consumer<Connection> action) {
        Optional<Connection> c = target.get();
        if (c.isEmpty()) {
            status.setText("select a live connection first");
            return;
        }
        try {
            action.accept(c.get());
            status.setText("");
        } catch (IllegalStateException e) {
            status.setText(e.getMessage());
        }
    }
}
