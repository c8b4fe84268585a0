package dev.framescope.ui.live;

import dev.framescope.ui.fx.Background;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

/**
 * The composer on another app's WebSocket (recorded by the proxy): what it sends goes in as one side's message —
 * toward the server as if from the app, or toward the app as if from the server — chosen beside the mode, a choice
 * that shows only for such a connection. What is injected is noted in the capture (the Notes tab): the capture's
 * frames stay what each side sent. Text and JSON go as a text message, Hex, Base64 and File as a binary
 * one, each as one frame; Ping and Close work as on our own connections. Raw frames and fragments are for our own
 * connections: the proxy re-frames what it injects. The socket writes run in the background; the outcome comes back
 * as the composer's problem line (empty: sent).
 */
final class ComposerInjection {

    private final ChoiceBox<Sender> as = new ChoiceBox<>();
    private final Background background;
    private final Consumer<String> problems;
    private Optional<ProxyInjector> target = Optional.empty();

    ComposerInjection(Background background, Consumer<String> problems) {
        this.background = background;
        this.problems = problems;
        as.setId("composer-inject-as");
        as.getItems().addAll(Sender.CLIENT, Sender.SERVER);
        as.setValue(Sender.CLIENT);
        as.setConverter(new StringConverter<>() {
            @Override
            public String toString(Sender s) {
                return s == Sender.SERVER ? "As the server → app" : "As the app → server";
            }

            @Override
            public Sender fromString(String text) {
                return text.startsWith("As the server") ? Sender.SERVER : Sender.CLIENT;
            }
        });
        as.setTooltip(new Tooltip("Another app's WebSocket, relayed by the proxy: what you send goes in as if one "
                + "side had sent it (masked with a fresh key toward the server), and is noted in the capture"));
        as.setPrefWidth(175);
        as.setVisible(false);
        as.managedProperty().bind(as.visibleProperty());
    }

    ChoiceBox<Sender> choice() {
        return as;
    }

    /** The selected connection's way in, if it is another app's: the choice shows only then. */
    void select(Optional<ProxyInjector> injector) {
        target = injector;
        as.setVisible(injector.isPresent());
    }

    boolean active() {
        return target.isPresent();
    }

    /** A message from the composer in mode {@code m}; {@code fragments} must be 1. */
    void message(ComposerView.Mode m, byte[] data, int fragments) {
        if (m == ComposerView.Mode.RAW_FRAME || fragments > 1) {
            problems.accept("the proxy injects whole messages, one frame each: raw frames and fragments are for "
                    + "your own connections");
            return;
        }
        Opcode op = m == ComposerView.Mode.TEXT || m == ComposerView.Mode.JSON ? Opcode.TEXT : Opcode.BINARY;
        run((into, side) -> into.inject(side, op, data));
    }

    void ping(byte[] payload) {
        run((into, side) -> into.inject(side, Opcode.PING, payload));
    }

    void close(int code, String reason) {
        run((into, side) -> {
            into.close(code, reason);
            return true;
        });
    }

    /** Runs {@code write} in the background on the selected connection and side, as they are now. */
    private void run(BiFunction<ProxyInjector, Sender, Boolean> write) {
        ProxyInjector into = target.orElseThrow();
        Sender side = as.getValue();
        background.submit(() -> write.apply(into, side), new Background.Outcome<Boolean>() {
            @Override
            public void succeeded(Boolean sent) {
                problems.accept(sent ? "" : (side == Sender.CLIENT ? "the app" : "the server") + " has ended its "
                        + "side: nothing was injected");
            }

            @Override
            public void failed(Exception problem) {
                problems.accept(problem.getMessage() == null ? "could not inject into the connection"
                        : problem.getMessage());
            }
        });
    }
}
