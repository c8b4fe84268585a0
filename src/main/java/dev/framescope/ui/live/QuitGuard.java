package dev.framescope.ui.live;

import dev.framescope.ui.MainWindowController;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

/**
 * Quit protects the work: with unsaved live captures, File → Quit and closing the window ask first — save all,
 * discard, or cancel — instead of losing them.
 */
final class QuitGuard {

    static final ButtonType SAVE_ALL = new ButtonType("Save all…", ButtonData.YES);
    static final ButtonType DISCARD = new ButtonType("Discard", ButtonData.NO);

    private final MainWindowController window;
    private final SessionModel session;
    private final FileActions files;
    private final StatusModel status;

    QuitGuard(MainWindowController window, SessionModel session, FileActions files, StatusModel status) {
        this.window = window;
        this.session = session;
        this.files = files;
        this.status = status;
        window.quitItem().setOnAction(e -> {
            if (mayClose()) {
                window().hide();
            }
        });
        window.root().getScene().windowProperty().addListener((o, was, now) -> guard(now));
        guard(window.root().getScene().getWindow());
    }

    private void guard(Window w) {
        if (w != null) {
            w.addEventFilter(WindowEvent.WINDOW_CLOSE_REQUEST, e -> {
                if (!mayClose()) {
                    e.consume();
                }
            });
        }
    }

    private Window window() {
        return window.root().getScene().getWindow();
    }

    /** True when nothing would be lost, or the user chose to discard; false keeps the window open. */
    boolean mayClose() {
        List<LiveConnection> unsaved = session.unsaved();
        if (unsaved.isEmpty()) {
            return true;
        }
        Optional<ButtonType> answer = question(unsaved).showAndWait();
        if (answer.equals(Optional.of(DISCARD))) {
            return true;
        }
        if (answer.equals(Optional.of(SAVE_ALL))) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Save every capture into");
            Optional.ofNullable(chooser.showDialog(window())).ifPresent(dir -> saveAllThenClose(dir.toPath()));
        }
        return false;
    }

    /** The question; tests answer it. */
    Alert question(List<LiveConnection> unsaved) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "", SAVE_ALL, DISCARD, ButtonType.CANCEL);
        ask.initOwner(window());
        ask.setTitle("Quit Framescope");
        ask.setHeaderText(unsaved.size() == 1 ? "1 capture is not saved" : unsaved.size() + " captures are not saved");
        ask.setContentText(unsaved.stream().map(LiveConnection::name).limit(12).collect(Collectors.joining("\n"))
                + "\n\nSave them as session files, discard them, or stay.");
        return ask;
    }

    /** Saves each unsaved capture as {@code <name>-<time>.fscap} in {@code dir}; the window closes when all are. */
    void saveAllThenClose(Path dir) {
        List<LiveConnection> unsaved = session.unsaved();
        Instant now = Instant.now();
        // What arrives while saving is not waited for: the user asked to save what there was, and quit.
        List<Integer> sizes = unsaved.stream().map(c -> c.log().size()).toList();
        for (int i = 0; i < unsaved.size(); i++) {
            LiveConnection c = unsaved.get(i);
            // Numbered: two connections may share a name.
            files.save(c, dir.resolve(String.format(Locale.ROOT, "%02d-%s", i + 1,
                    ExportTarget.suggestedName(c.name(), now, "fscap"))));
        }
        status.notice("Saving " + unsaved.size() + " captures to " + dir + "; the window closes when they are saved");
        files.whenIdle(() -> {
            boolean all = true;
            for (int i = 0; i < unsaved.size(); i++) {
                all &= session.savedThrough(unsaved.get(i), sizes.get(i));
            }
            if (all) {
                window().hide();
            }
        });
    }
}
