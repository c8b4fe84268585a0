package dev.framescope.ui.live;

import dev.framescope.capture.Secrets;
import dev.framescope.engine.Connection;
import dev.framescope.engine.Variables;
import dev.framescope.ui.fx.Background;
import dev.framescope.ui.fx.Labels;
import dev.framescope.ui.fx.Layouts;
import dev.framescope.wire.CloseCode;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Opcode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Sends to the selected connection: a text message (in N fragments), a ping, or a close. */
public final class ComposerView extends VBox {

    /** What the text field holds. */
    public enum Mode implements Labels.Labelled {
        TEXT("Text"), JSON("JSON"), HEX("Hex"), BASE64("Base64"), FILE("File"), RAW_FRAME("Raw frame");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    private final TextField message = new TextField();
    private final ChoiceBox<Mode> mode = new ChoiceBox<>();
    private final CheckBox fin = new CheckBox("FIN");
    private final CheckBox rsv1 = new CheckBox("RSV1");
    private final CheckBox rsv2 = new CheckBox("RSV2");
    private final CheckBox rsv3 = new CheckBox("RSV3");
    private final CheckBox mask = new CheckBox("MASK");
    private final Spinner<Integer> opcode = new Spinner<>(0, 15, 1);
    private final HBox rawControls = new HBox(6);
    /**
     * The main row; in RAW_FRAME mode the header switches get a second row under it, and so do Ping and Close on a
     * narrow window, so nothing is pushed out and the message field keeps its room.
     */
    private final HBox row = new HBox(8);
    private final Spinner<Integer> fragments = new Spinner<>(1, 64, 1);
    private final TextField closeReason = new TextField();
    private final Consumer<String> problems;
    private final Background background;
    private final Supplier<Optional<LiveConnection>> selection;
    private final Map<Connection, List<String>> histories = new WeakHashMap<>();
    private final Map<Connection, List<String>> snippets = new WeakHashMap<>();
    private final MenuButton snippetMenu = new MenuButton("Snippets");
    private List<String> history = new ArrayList<>();
    private final Supplier<Variables> variables;
    private final Function<LiveConnection, Optional<ProxyInjector>> injectors;
    private final ComposerInjection injection;
    private int historyIndex;

    /**
     * @param selection  the selected connection: the composer sends on it when it is ours and live
     * @param injectors  the way into a selected connection the proxy relays, while it does
     * @param variables  where {@code {{name}}} in Text and JSON messages takes its values (the active environment)
     * @param problems   where a message that cannot be sent is explained (empty: the last send worked)
     * @param background where a file to send is read
     */
    public ComposerView(Supplier<Optional<LiveConnection>> selection,
                        Function<LiveConnection, Optional<ProxyInjector>> injectors, Supplier<Variables> variables,
                        Consumer<String> problems, Background background) {
        super(6);
        this.injectors = injectors;
        this.injection = new ComposerInjection(background, problems);
        this.variables = variables;
        this.background = background;
        this.selection = selection;
        this.problems = problems;
        setId("composer");
        row.setAlignment(Pos.CENTER_LEFT);
        message.setId("composer-text");
        message.setPromptText("Message to send (Enter sends)");
        message.setOnAction(e -> send());
        message.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.UP && history.size() > 0) {
                historyIndex = Math.max(0, historyIndex - 1);
                message.setText(history.get(historyIndex));
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN && historyIndex < history.size()) {
                historyIndex = Math.min(history.size(), historyIndex + 1);
                message.setText(historyIndex == history.size() ? "" : history.get(historyIndex));
                e.consume();
            }
        });
        message.setTooltip(new Tooltip("Enter sends; ↑ and ↓ recall what you sent before"));
        HBox.setHgrow(message, Priority.ALWAYS);
        fragments.setPrefWidth(72);
        fragments.setTooltip(new Tooltip("Send the message as this many frames (RFC 6455 §5.4)"));
        Button send = new Button("Send");
        send.setId("composer-send");
        send.setDefaultButton(false);
        send.setOnAction(e -> send());
        Button ping = new Button("Ping");
        ping.setTooltip(new Tooltip("Send a ping with the text as payload (at most 125 bytes)"));
        ping.setOnAction(e -> {
            if (injection.active()) {
                injection.ping(limit(message.getText()));
            } else {
                act(c -> c.ping(limit(message.getText())));
            }
        });
        ping.setId("composer-ping");
        SplitMenuButton close = new SplitMenuButton();
        close.setText("Close 1000");
        close.setId("composer-close");
        close.setOnAction(e -> closeWith(1000));
        close.setTooltip(new Tooltip("Close the connection with 1000, or pick a code from the registry; the reason "
                + "field beside it, if filled, is the reason (at most 123 bytes, RFC 6455 §5.5)"));
        closeReason.setId("composer-close-reason");
        closeReason.setPromptText("close reason");
        closeReason.setPrefWidth(120);
        closeReason.setTooltip(new Tooltip("Sent with Close (at most 123 bytes of UTF-8, RFC 6455 §5.5); empty by "
                + "default. The message field is never used as the reason."));
        for (CloseCode code : CloseCode.values()) {
            if (code.mayAppearOnWire()) {
                MenuItem item = new MenuItem(code.code() + " "
                        + code.title());
                item.setOnAction(e -> closeWith(code.code()));
                close.getItems().add(item);
            }
        }
        MenuItem custom = new MenuItem("4000 (application-defined)");
        custom.setOnAction(e -> closeWith(4000));
        close.getItems().add(custom);
        Button browse = new Button("File…");
        browse.setId("composer-browse");
        browse.setTooltip(new Tooltip("Choose the file whose bytes are sent as one binary message"));
        browse.visibleProperty().bind(mode.valueProperty().isEqualTo(Mode.FILE));
        browse.managedProperty().bind(browse.visibleProperty());
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Send a file as a binary message");
            File file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (file != null) {
                message.setText(file.getAbsolutePath());
            }
        });
        mode.getItems().addAll(Mode.values());
        mode.setValue(Mode.TEXT);
        mode.setPrefWidth(105);
        mode.setId("composer-mode");
        mode.setConverter(Labels.converter());
        mode.setTooltip(new Tooltip("Text sends as typed; JSON is validated and sent compact; Hex and Base64 send "
                + "a binary message; File sends a file's bytes as a binary message; Raw frame writes one frame with "
                + "the header bits you choose, as a probe of the server"));
        fin.setSelected(true);
        mask.setSelected(true);
        opcode.setPrefWidth(64);
        opcode.setTooltip(new Tooltip("Opcode 0-15 (1 text, 2 binary, 8 close, 9 ping, 10 pong; others reserved)"));
        rawControls.setAlignment(Pos.CENTER_LEFT);
        Label rawTitle = new Label("Raw frame header:");
        rawTitle.getStyleClass().add("composer-status");
        rawControls.getChildren().addAll(rawTitle, fin, rsv1, rsv2, rsv3, new Label("opcode"), opcode, mask);
        rawControls.visibleProperty().bind(mode.valueProperty().isEqualTo(Mode.RAW_FRAME));
        rawControls.managedProperty().bind(rawControls.visibleProperty());
        Button save = new Button("☆");
        save.setId("composer-save-snippet");
        save.setTooltip(new Tooltip("Save the message as a snippet of this connection"));
        save.setOnAction(e -> target().ifPresent(c -> {
            List<String> list = snippets.computeIfAbsent(c, k -> new ArrayList<>());
            if (!message.getText().isEmpty() && !list.contains(message.getText())) {
                list.add(message.getText());
            }
            refreshSnippets();
        }));
        snippetMenu.setId("composer-snippets");
        snippetMenu.setOnShowing(e -> refreshSnippets());
        Label fragmentsLabel = new Label("fragments");
        fragmentsLabel.visibleProperty().bind(rawControls.visibleProperty().not());
        fragmentsLabel.managedProperty().bind(fragmentsLabel.visibleProperty());
        fragments.visibleProperty().bind(fragmentsLabel.visibleProperty());
        fragments.managedProperty().bind(fragmentsLabel.visibleProperty());
        // No "Compose" caption: the field's prompt says what it is, and the message gets the room.
        row.getChildren().addAll(mode, injection.choice(), message, browse, fragmentsLabel, fragments, send, save, snippetMenu);
        HBox controlFrames = new HBox(8, ping, close, closeReason);
        controlFrames.setId("composer-control-frames");
        controlFrames.setAlignment(Pos.CENTER_LEFT);
        Layouts.onlyThisShrinks(row, message, 160);
        Layouts.onlyThisShrinks(controlFrames, closeReason, closeReason.getPrefWidth());
        HBox below = new HBox(16);
        below.setAlignment(Pos.CENTER_LEFT);
        // Ping and Close share the row while the message field keeps 400 px; on a narrower window they go below it.
        Layouts.wrapWhenNarrow(row, message, 400, controlFrames, below);
        // The raw frame header's switches join the scene when Raw frame is first chosen: hidden, they were still
        // styled, skinned and laid out for the window's first paint (docs/benchmarks.md, "Start-up").
        mode.valueProperty().addListener((o, was, now) -> {
            if (now == Mode.RAW_FRAME && rawControls.getParent() == null) {
                below.getChildren().add(rawControls);
            }
        });
        row.getChildren().add(controlFrames);
        getChildren().addAll(row, below);
    }

    /**
     * The message with its variables resolved (TEXT and JSON; HEX and RAW_FRAME are bytes, not templates).
     *
     * @throws Variables.VariableException naming the undefined variable: nothing is sent then
     */
    static String resolve(Mode mode, String text, Variables vars) {
        return mode == Mode.TEXT || mode == Mode.JSON ? vars.resolve(text, "the message") : text;
    }

    public ChoiceBox<Mode> modeChoice() {
        return mode;
    }

    /** What was sent to the selected connection, oldest first (↑ in the field recalls it). */
    public List<String> history() {
        return List.copyOf(history);
    }

    /** The selected connection's saved snippets. */
    public List<String> snippets() {
        return target().map(c -> List.copyOf(snippets.getOrDefault(c, List.of())))
                .orElse(List.of());
    }

    /** Another connection was selected: its history and snippets apply. */
    public void connectionChanged() {
        history = target().map(c -> histories.computeIfAbsent(c, k -> new ArrayList<>()))
                .orElseGet(ArrayList::new);
        historyIndex = history.size();
        refreshSnippets();
        injection.select(selection.get().flatMap(injectors));
    }

    private void refreshSnippets() {
        List<String> list = snippets();
        snippetMenu.getItems().setAll(list.stream().map(text -> {
            MenuItem item = new MenuItem(
                    text.length() > 60 ? text.substring(0, 60) + "…" : text);
            item.setMnemonicParsing(false);
            item.setOnAction(e -> message.setText(text));
            return item;
        }).toList());
        snippetMenu.setDisable(list.isEmpty());
    }

    public TextField messageField() {
        return message;
    }

    private void send() {
        Mode m = mode.getValue();
        Variables vars = variables.get();
        if (m == Mode.FILE) {
            // A file is read off the FX thread; it is sent when read.
            String path = message.getText();
            background.submit(() -> ComposerBytes.bytes(m, path), new Background.Outcome<byte[]>() {
                @Override
                public void succeeded(byte[] data) {
                    send(m, data, vars);
                }

                @Override
                public void failed(Exception problem) {
                    problems.accept(problem.getMessage());
                }
            });
            return;
        }
        try {
            send(m, ComposerBytes.bytes(m, resolve(m, message.getText(), vars)), vars);
        } catch (IllegalArgumentException e) {
            problems.accept(e.getMessage());
        }
    }

    private void send(Mode m, byte[] data, Variables vars) {
        int n = fragments.getValue();
        if (injection.active()) {
            selection.get().ifPresent(c -> c.log().learn(new Secrets(Set.of(), Set.of(), vars.secretValues())));
            injection.message(m, data, n);
            remember();
            return;
        }
        act(c -> {
            // The log learns the secret values before they cross, so its exports can hide them.
            c.log().learn(new Secrets(Set.of(), Set.of(),
                    vars.secretValues()));
            if (m == Mode.RAW_FRAME) {
                FrameEncoder frame = FrameEncoder.frame(Opcode.TEXT)
                        .opcode(opcode.getValue()).fin(fin.isSelected()).rsv1(rsv1.isSelected())
                        .rsv2(rsv2.isSelected()).rsv3(rsv3.isSelected()).payload(data);
                c.sendRaw((mask.isSelected() ? frame.masked() : frame.unmasked()).encode());
            } else if (m == Mode.HEX || m == Mode.BASE64 || m == Mode.FILE) {
                c.sendFragmented(Opcode.BINARY, data, n);
            } else if (n <= 1) {
                c.sendText(new String(data, StandardCharsets.UTF_8));
            } else {
                c.sendFragmented(Opcode.TEXT, data, n);
            }
        });
    }

    /**
     * Closes with the code and the reason field's text (empty: no reason). A reason longer than the 123 bytes a
     * close frame has room for (RFC 6455 section 5.5) is refused, not cut.
     */
    private void closeWith(int code) {
        String reason = closeReason.getText();
        int bytes = reason.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > 123) {
            problems.accept("the close reason is " + bytes + " bytes of UTF-8; a close frame has room for 123"
                    + " (RFC 6455 §5.5)");
            return;
        }
        if (injection.active()) {
            injection.close(code, reason);
        } else {
            act(c -> c.close(code, reason));
        }
    }

    /** The reason Close sends. */
    public TextField closeReasonField() {
        return closeReason;
    }

    private static byte[] limit(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return b.length <= 125 ? b : Arrays.copyOf(b, 125);
    }

    /** The selected connection, when it is ours and live: what the composer sends on. */
    private Optional<Connection> target() {
        return selection.get().flatMap(LiveConnection::connection);
    }

    private void act(Consumer<Connection> action) {
        Optional<Connection> c = target();
        if (c.isEmpty()) {
            problems.accept(selection.get().flatMap(LiveConnection::proxied).isPresent()
                    ? "this is another app's WebSocket that the proxy no longer relays: nothing can be sent into it"
                    : "select a live connection first");
            return;
        }
        try {
            action.accept(c.get());
            problems.accept("");
            remember();
        } catch (IllegalStateException e) {
            problems.accept(e.getMessage());
        }
    }

    /** The message field's text joins the history (↑ recalls it), unless it is what was sent last. */
    private void remember() {
        String text = message.getText();
        if (!text.isEmpty() && (history.isEmpty() || !history.get(history.size() - 1).equals(text))) {
            history.add(text);
        }
        historyIndex = history.size();
    }
}
