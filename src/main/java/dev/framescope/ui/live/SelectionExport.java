package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.io.Exports;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.FileChooser;

/**
 * The selected rows of the frame or message table (several with Shift/Ctrl-click) copied or exported as text or JSON
 * Lines, in capture order, through {@link Exports}; secrets follow File → Keep Secrets in Exports.
 */
final class SelectionExport<E extends CaptureEvent> {

    private final TableView<E> table;
    private final TimelineModel model;
    private final BooleanSupplier keepSecrets;
    private final FileActions files;

    /** @param files writes the chosen file off the FX thread */
    SelectionExport(TableView<E> table, TimelineModel model, BooleanSupplier keepSecrets, FileActions files) {
        this.table = table;
        this.files = files;
        this.model = model;
        this.keepSecrets = keepSecrets;
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    }

    /** Context-menu entries: copy as text, copy as JSON Lines, export to a file. */
    List<MenuItem> menuItems(String noun) {
        MenuItem text = new MenuItem("Copy selected " + noun + " as text");
        text.setOnAction(e -> copy(Exports.Format.TEXT));
        MenuItem json = new MenuItem("Copy selected " + noun + " as JSON Lines");
        json.setOnAction(e -> copy(Exports.Format.JSON));
        MenuItem file = new MenuItem("Export selected " + noun + "…");
        file.setOnAction(e -> exportToChosenFile(noun));
        return List.of(text, json, file);
    }

    /** The selected rows in capture order. */
    List<E> selected() {
        return table.getSelectionModel().getSelectedItems().stream().filter(Objects::nonNull)
                .sorted(Comparator.comparingLong(CaptureEvent::seq)).toList();
    }

    /** The selection as text or JSON Lines (empty without a connection or a selection). */
    Optional<String> asString(Exports.Format format) {
        List<E> rows = selected();
        return model.log().filter(l -> !rows.isEmpty())
                .map(log -> Exports.eventsAsString(format, log, rows, keepSecrets.getAsBoolean()));
    }

    private void copy(Exports.Format format) {
        asString(format).ifPresent(s -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(s);
            Clipboard.getSystemClipboard().setContent(content);
        });
    }

    private void exportToChosenFile(String noun) {
        if (selected().isEmpty() || model.log().isEmpty()) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export selected " + noun);
        for (Exports.Format f : List.of(Exports.Format.JSON, Exports.Format.TEXT)) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.description(), "*." + f.extension()));
        }
        chooser.setInitialFileName("selected-" + noun + "." + Exports.Format.JSON.extension());
        File file = chooser.showSaveDialog(table.getScene().getWindow());
        if (file != null) {
            Exports.Format format = Exports.Format.forFileName(file.getName()).orElse(
                    chooser.getSelectedExtensionFilter() != null
                            && chooser.getSelectedExtensionFilter().getDescription().startsWith("Text")
                            ? Exports.Format.TEXT : Exports.Format.JSON);
            asString(format).ifPresent(text -> files.write(file.toPath(), text));
        }
    }

    /** Writes the selection to a file (JSON Lines or text). */
    void write(Exports.Format format, Path file) throws IOException {
        CaptureLog log = model.log().orElseThrow(() -> new IOException("no connection selected"));
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            Exports.writeEvents(format, log, selected(), keepSecrets.getAsBoolean(), out);
        }
    }
}
