package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.Stamp;
import dev.framescope.testutil.Await;
import dev.framescope.ui.Theme;
import dev.framescope.ui.ThemeManager;
import dev.framescope.ui.fx.LazyTabs;
import dev.framescope.wire.Severity;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Notes tab's rows are as tall as their text wrapped at the list's width, under the real theme (which gives list
 * cells one fixed height): a one-line note has no empty line under it, a long one wraps whole.
 */
@ExtendWith(ApplicationExtension.class)
class NotesViewTest {

    private static final String LONG = "edited at breakpoint 'out:/echo:text:/order/': the app's text message (7 bytes)"
            + " at byte 158 went to the server as text message \"order 2\" (7 bytes) — 1 frame, 13 bytes on the wire,"
            + " header 81871d61d453, masking key 1d61d453, uncompressed";

    private NotesView view;
    private TabPane tabs;
    private Stage stage;

    @Start
    void start(Stage primary) {
        stage = new Stage();
        view = new NotesView();
        tabs = new TabPane(new Tab("Frame"), new Tab("Notes", view.node()));
        LazyTabs.install(tabs);
        Scene scene = new Scene(tabs, 1030, 400);
        new ThemeManager(scene, Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(stage::close);
    }

    @Test
    void eachNoteIsAsTallAsItsWrappedText(FxRobot robot) {
        robot.interact(() -> view.add(List.of(note("via proxy: the app at 127.0.0.1:54032 to 127.0.0.1:42319"),
                note(LONG), note("the app closed TCP"))));
        robot.interact(() -> tabs.getSelectionModel().select(1));
        Await.until(() -> robot.lookup(".list-cell").queryAll().stream()
                .filter(n -> n instanceof ListCell<?> c && c.getItem() != null).count() == 3, "three rows shown");

        WaitForAsyncUtils.waitForFxEvents();
        List<Double> heights = robot.lookup(".list-cell").queryAll().stream()
                .filter(n -> n instanceof ListCell<?> c && c.getItem() != null)
                .map(n -> n.getLayoutBounds().getHeight()).toList();
        assertEquals(heights.get(2), heights.get(0), 0.5, "a one-line note is one line tall: " + heights);
        assertTrue(heights.get(1) > heights.get(0) * 1.5, "the long note wraps: " + heights);
    }

    private static CaptureEvent.NoteEvent note(String text) {
        return new CaptureEvent.NoteEvent(new Stamp(1, 0, 0), Severity.INFO, text);
    }
}
