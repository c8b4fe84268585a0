package dev.framescope.ui.live;

import dev.framescope.capture.io.Exports.Format;
import dev.framescope.ui.MainWindowController;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.MenuItem;
import javafx.scene.input.TransferMode;
import javafx.stage.FileChooser;
import javafx.stage.FileChooser.ExtensionFilter;
import javafx.stage.Window;

/**
 * The File menu's dialogs (open, save, export, import HAR), Open Recent and files dropped on the window; the work
 * itself is {@link FileActions}'.
 */
final class FileMenu {

    private final MainWindowController window;
    private final FileActions files;
    private final Supplier<Optional<LiveConnection>> selected;
    private final ExportTarget exportTarget = new ExportTarget();

    FileMenu(MainWindowController window, FileActions files, Supplier<Optional<LiveConnection>> selected) {
        this.window = window;
        this.files = files;
        this.selected = selected;
        enable(window.openSessionItem()).setOnAction(e -> chooseAndOpen());
        enable(window.saveSessionItem()).setOnAction(e -> selected.get().ifPresent(this::chooseAndSave));
        enable(window.exportItem()).setOnAction(e -> selected.get().ifPresent(this::chooseAndExport));
        enable(window.importHarItem()).setOnAction(e -> chooseAndImport());
        enable(window.keepSecretsItem());
        enable(window.recentMenu());
        acceptDroppedFiles();
        refreshRecent(files.recentFiles().get());
        files.recentFiles().addListener((o, was, now) -> refreshRecent(now));
    }

    private static <T extends MenuItem> T enable(T item) {
        item.setDisable(false);
        return item;
    }

    private Window owner() {
        return window.root().getScene().getWindow();
    }

    private void refreshRecent(List<Path> recent) {
        window.recentMenu().getItems().setAll(recent.stream().map(p -> {
            MenuItem item = new MenuItem(p.toString());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> files.open(p));
            return item;
        }).toList());
        if (window.recentMenu().getItems().isEmpty()) {
            MenuItem none = new MenuItem("No recent sessions");
            none.setDisable(true);
            window.recentMenu().getItems().add(none);
        }
    }

    /** A session file dropped on the window opens like File → Open Session. */
    private void acceptDroppedFiles() {
        var root = window.root();
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            boolean done = e.getDragboard().hasFiles();
            if (done) {
                e.getDragboard().getFiles().forEach(f -> files.open(f.toPath()));
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    private void chooseAndSave(LiveConnection c) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save session");
        chooser.setInitialFileName(ExportTarget.suggestedName(c.name(), Instant.now(), "fscap"));
        exportTarget.lastFolder().map(Path::toFile).ifPresent(chooser::setInitialDirectory);
        Optional.ofNullable(chooser.showSaveDialog(owner())).map(File::toPath).ifPresent(file -> {
            exportTarget.remember(file);
            files.save(c, file);
        });
    }

    /** File → Export Connection…: pcapng, HAR, JSON Lines or text, by the chosen type. */
    private void chooseAndExport(LiveConnection c) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export connection");
        for (Format f : Format.values()) {
            chooser.getExtensionFilters().add(new ExtensionFilter(f.description() + " (*." + f.extension() + ")",
                    "*." + f.extension()));
        }
        chooser.setInitialFileName(ExportTarget.suggestedName(c.name(), Instant.now(), Format.PCAPNG.extension()));
        exportTarget.lastFolder().map(Path::toFile).ifPresent(chooser::setInitialDirectory);
        File file = chooser.showSaveDialog(owner());
        if (file == null) {
            return;
        }
        ExtensionFilter type = chooser.getSelectedExtensionFilter();
        Optional<Format> chosenType = Arrays.stream(Format.values())
                .filter(f -> type != null && type.getExtensions().contains("*." + f.extension())).findFirst();
        ExportTarget.Chosen target = exportTarget.chosen(file.toPath(), Format.PCAPNG, chosenType);
        files.export(c, target.file(), target.format());
    }

    private void chooseAndImport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import HAR");
        chooser.getExtensionFilters().add(new ExtensionFilter("HAR files", "*.har", "*.json"));
        Optional.ofNullable(chooser.showOpenDialog(owner())).ifPresent(f -> files.importHar(f.toPath()));
    }

    private void chooseAndOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open session");
        chooser.getExtensionFilters().add(new ExtensionFilter("Framescope sessions", "*.fscap", "*.jsonl"));
        chooser.getExtensionFilters().add(new ExtensionFilter("HAR files (browser)", "*.har"));
        Optional.ofNullable(chooser.showOpenDialog(owner())).ifPresent(f -> files.open(f.toPath()));
    }
}
