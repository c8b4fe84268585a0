package dev.framescope.ui.frame;

import dev.framescope.decode.DecodeInput;
import dev.framescope.decode.Decoded;
import dev.framescope.decode.DecoderRegistry;
import dev.framescope.decode.PayloadDecoder;
import dev.framescope.decode.ProtobufSchema;
import dev.framescope.decode.ProtobufTypedDecoder;
import dev.framescope.ui.fx.Background;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * A payload through the decoder registry: a chooser (Auto, which names what it picked, or any decoder), a one-line
 * summary, the failure in red when decoding stopped (byte offset and reason), and the decoded tree, collapsible.
 * <p>
 * Decodes only the payload it is given (the selected frame or message), and only while shown. Payloads above
 * {@link #SYNC_LIMIT} are decoded on a background thread so a large one never stalls the FX thread; a newer
 * selection supersedes a decode still running.
 */
public final class DecodedView extends VBox {

    /** Payloads up to this size decode on the FX thread: well under a millisecond for any decoder. */
    static final int SYNC_LIMIT = 64 * 1024;

    private final ComboBox<String> chooser = new ComboBox<>();
    private final Label summary = new Label();
    private final Label failure = new Label();
    private final TreeView<String> tree = new TreeView<>();
    private final Button schemaButton = new Button("Protobuf schema…");
    private DecodeSettings settings = new DecodeSettings();
    private Optional<DecodeInput> input = Optional.empty();
    private Optional<Decoded> shown = Optional.empty();
    private boolean active = true;
    private boolean stale = true;
    private long generation;
    private boolean updatingChooser;
    private final ChangeListener<String> idListener = (o, was, now) -> choiceChanged();
    private final ChangeListener<Optional<ProtobufSchema>> schemaListener = (o, was, now) -> refreshChooser();

    private final Background background;

    /**
     * @param idPrefix   prefix of the node ids ({@code PREFIX-tree}, {@code PREFIX-chooser}…), unique per scene
     * @param background where large payloads decode and descriptor sets are read
     */
    public DecodedView(String idPrefix, Background background) {
        this.background = background;
        getStyleClass().add("decoded-view");
        chooser.setId(idPrefix + "-chooser");
        chooser.setTooltip(new Tooltip("How to decode this connection's payloads; the choice sticks for the connection"));
        chooser.setCellFactory(v -> new LabelCell());
        // Wide enough for "Auto → Socket.IO …": the choice is read, not guessed from its first letters.
        chooser.setPrefWidth(260);
        chooser.setButtonCell(new LabelCell());
        chooser.valueProperty().addListener((o, was, now) -> {
            if (!updatingChooser && now != null) {
                settings.decoderIdProperty().set(now);
            }
        });
        schemaButton.setId(idPrefix + "-schema");
        schemaButton.setTooltip(new Tooltip("Load a descriptor set (protoc --include_imports --descriptor_set_out) "
                + "and pick the message type for this connection"));
        schemaButton.setOnAction(e -> chooseSchema());
        summary.setId(idPrefix + "-summary");
        summary.getStyleClass().add("decoded-summary");
        failure.setId(idPrefix + "-failure");
        failure.getStyleClass().add("decode-failure");
        failure.setStyle("-fx-text-fill: #c62828;");
        failure.setWrapText(true);
        tree.setId(idPrefix + "-tree");
        tree.setShowRoot(true);
        tree.getStyleClass().add("mono");
        // The summary has a line of its own and wraps: beside the chooser it squeezed the chooser to nothing.
        HBox bar = new HBox(8, new Label("Decoder"), chooser, schemaButton);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getChildren().forEach(n -> ((Region) n).setMinWidth(Region.USE_PREF_SIZE));
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        VBox.setVgrow(tree, Priority.ALWAYS);
        setSpacing(6);
        getChildren().addAll(bar, summary, failure, tree);
        bindSettings(settings);
        render(Optional.empty());
    }

    /** The connection whose choices apply; its override is shown and followed from now on. */
    public void setSettings(DecodeSettings value) {
        settings.decoderIdProperty().removeListener(idListener);
        settings.schemaProperty().removeListener(schemaListener);
        bindSettings(value);
        stale = true;
        decodeIfShown();
    }

    public DecodeSettings settings() {
        return settings;
    }

    /** The payload to decode (empty: nothing selected). */
    public void setInput(Optional<DecodeInput> value) {
        input = value;
        stale = true;
        decodeIfShown();
    }

    /** Whether the view is on screen; decoding waits until it is. */
    public void setActive(boolean value) {
        active = value;
        decodeIfShown();
    }

    /** The result on screen, for tests and copy actions. */
    public Optional<Decoded> shown() {
        return shown;
    }

    public TreeView<String> treeView() {
        return tree;
    }

    public ComboBox<String> chooser() {
        return chooser;
    }

    public Label failureLabel() {
        return failure;
    }

    public Label summaryLabel() {
        return summary;
    }

    private void bindSettings(DecodeSettings value) {
        settings = value;
        settings.decoderIdProperty().addListener(idListener);
        settings.schemaProperty().addListener(schemaListener);
        refreshChooser();
    }

    private void choiceChanged() {
        selectInChooser();
        stale = true;
        decodeIfShown();
    }

    private void refreshChooser() {
        List<String> ids = new ArrayList<>();
        ids.add(DecoderRegistry.AUTO);
        settings.registry().decoders().forEach(d -> ids.add(d.id()));
        updatingChooser = true;
        try {
            chooser.getItems().setAll(ids);
        } finally {
            updatingChooser = false;
        }
        selectInChooser();
        stale = true;
        decodeIfShown();
    }

    private void selectInChooser() {
        updatingChooser = true;
        try {
            chooser.setValue(settings.decoderIdProperty().get());
        } finally {
            updatingChooser = false;
        }
    }

    private void decodeIfShown() {
        if (!active || !stale) {
            return;
        }
        stale = false;
        long ticket = ++generation;
        if (input.isEmpty()) {
            render(Optional.empty());
            return;
        }
        DecodeInput given = input.get();
        DecodeInput in = given.subprotocol().isPresent() ? given
                : new DecodeInput(given.bytes(), given.text(), settings.subprotocol());
        DecoderRegistry registry = settings.registry();
        Optional<String> override = Optional.of(settings.decoderIdProperty().get());
        if (in.bytes().length <= SYNC_LIMIT) {
            render(Optional.of(registry.decode(in, override)));
            return;
        }
        summary.setText(String.format("Decoding %s…", PayloadFormats.size(in.bytes().length)));
        background.submit(() -> registry.decode(in, override), d -> {
            if (ticket == generation) {
                render(Optional.of(d));
            }
        });
    }

    private void render(Optional<Decoded> result) {
        shown = result;
        if (result.isEmpty()) {
            summary.setText("Select a frame or message to decode its payload.");
            failure.setVisible(false);
            failure.setManaged(false);
            tree.setRoot(null);
            return;
        }
        Decoded d = result.get();
        String label = settings.registry().byId(d.decoderId()).map(PayloadDecoder::label).orElse(d.decoderId());
        boolean auto = DecoderRegistry.AUTO.equals(settings.decoderIdProperty().get());
        summary.setText((auto ? "Auto picked " + label : label) + d.summary().map(s -> " · " + s).orElse(""));
        failure.setText(d.failure().map(f -> "⚠ Decoding stopped " + f).orElse(""));
        failure.setTooltip(d.failure().map(f -> new Tooltip(failure.getText())).orElse(null));
        failure.setVisible(d.failure().isPresent());
        failure.setManaged(d.failure().isPresent());
        TreeItem<String> root = d.tree().isNull() && d.failure().isPresent()
                ? new TreeItem<>("(nothing decoded)") : new DecodedTreeItem("", d.tree());
        root.setExpanded(true);
        if (root.getChildren().size() <= 50) {
            root.getChildren().forEach(child -> child.setExpanded(true));
        }
        tree.setRoot(root);
        chooser.setButtonCell(new LabelCell());
    }

    /** Asks for a descriptor set file and a message type, then decodes this connection's payloads typed. */
    public void chooseSchema() {
        FileChooser files = new FileChooser();
        files.setTitle("Protobuf descriptor set (protoc --include_imports --descriptor_set_out)");
        files.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Descriptor sets", "*.desc", "*.pb",
                "*.protoset", "*.bin"), new FileChooser.ExtensionFilter("All files", "*"));
        File file = files.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (file == null) {
            return;
        }
        Path path = file.toPath();
        background.submit(() -> readDescriptorSet(path), new Background.Outcome<byte[]>() {
            @Override
            public void succeeded(byte[] set) {
                pickType(path, set);
            }

            @Override
            public void failed(Exception problem) {
                cannotUse(path, problem.getMessage());
            }
        });
    }

    /** Off the FX thread: the file's bytes, checked to hold at least one message type. */
    private static byte[] readDescriptorSet(Path file) throws IOException {
        byte[] set = Files.readAllBytes(file);
        if (ProtobufSchema.messageTypes(set).isEmpty()) {
            throw new IllegalArgumentException(file.getFileName() + " has no message types");
        }
        return set;
    }

    private void pickType(Path file, byte[] set) {
        List<String> types = ProtobufSchema.messageTypes(set);
        ChoiceDialog<String> pick = new ChoiceDialog<>(types.get(0), types);
        pick.setTitle("Message type");
        pick.setHeaderText("Decode this connection's binary payloads as");
        try {
            pick.showAndWait().ifPresent(type -> loadSchema(file, set, type));
        } catch (IllegalArgumentException e) {
            cannotUse(file, e.getMessage());
        }
    }

    private static void cannotUse(Path file, String why) {
        Alert alert = new Alert(Alert.AlertType.ERROR, why);
        alert.setHeaderText("Cannot use " + file.getFileName());
        alert.show();
    }

    /** Sets the connection's schema and switches it to typed protobuf decoding. */
    public void loadSchema(Path source, byte[] descriptorSet, String typeName) {
        ProtobufSchema schema = ProtobufSchema.load(source.getFileName().toString(), descriptorSet, typeName);
        settings.schemaProperty().set(Optional.of(schema));
        settings.decoderIdProperty().set(ProtobufTypedDecoder.ID);
    }

    /** Shows a decoder's label in the chooser; Auto also names what it picked for the payload on screen. */
    private final class LabelCell extends ListCell<String> {
        @Override
        protected void updateItem(String id, boolean empty) {
            super.updateItem(id, empty);
            if (empty || id == null) {
                setText(null);
                return;
            }
            if (id.equals(DecoderRegistry.AUTO)) {
                setText("Auto" + shown.map(d -> " → " + settings.registry().byId(d.decoderId())
                        .map(PayloadDecoder::label).orElse(d.decoderId())).orElse(""));
                return;
            }
            setText(settings.registry().byId(id).map(PayloadDecoder::label).orElse(id));
        }
    }
}
