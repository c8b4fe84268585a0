package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.testutil.Await;
import dev.framescope.ui.frame.HexDumpView;
import dev.framescope.ui.frame.PayloadView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TreeTableCell;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * At 1280×800 the window's own words are read whole: no label, button, tab or column header, chooser or connection
 * name ends in "…", no placeholder is cut, the hex panes show their ASCII column, and the composer's message field has
 * room. Data cells (payload previews, URLs with their tooltip) may end in "…"; the words around them may not, and
 * neither may a rule id in the frames table.
 */
@ExtendWith(ApplicationExtension.class)
class TruncationTest {

    private final LiveWindowHarness harness = new LiveWindowHarness();
    /** What was cut, with where: one list for every view visited, so one run names them all. */
    private final Set<String> cut = new LinkedHashSet<>();

    @Start
    void start(Stage stage) throws InterruptedException {
        harness.start(stage);
        stage.setWidth(1280);
        stage.setHeight(800);
        harness.openDemo();
    }

    @AfterEach
    void stop(FxRobot robot) {
        harness.stop(robot);
    }

    @Test
    void nothingOfTheWindowsOwnIsCutAt1280x800(FxRobot robot) throws Exception {
        checkScene(robot, "at start");
        TextInputControl message = robot.lookup("#composer-text").queryAs(TextInputControl.class);
        if (message.getWidth() < 400) {
            cut.add("the message field is " + message.getWidth() + " px wide, not 400");
        }

        select(robot, "demo echo (deflate)");
        Await.until(Duration.ofSeconds(10), () -> !harness.live.table().getItems().isEmpty(), "echo frames");
        selectFrame(robot, f -> f.header().opcode().code() == 1);
        for (Tab tab : harness.window.controller().detailTabs().getTabs()) {
            robot.interact(() -> harness.window.controller().detailTabs().getSelectionModel().select(tab));
            checkScene(robot, "echo, " + tab.getText() + " tab");
        }
        showDetailTab(robot, "Frame");
        PayloadView payload = harness.window.controller().frameDetail().payloadView();
        for (Tab tab : payload.getTabs()) {
            robot.interact(() -> payload.getSelectionModel().select(tab));
            checkScene(robot, "echo, payload " + tab.getText());
        }

        select(robot, "demo chaos (violations)");
        Await.until(Duration.ofSeconds(10), () -> harness.live.table().getItems().stream()
                .anyMatch(f -> f.header().masked()), "chaos's masked server frame");
        selectFrame(robot, f -> f.header().masked());
        robot.interact(() -> payload.getSelectionModel().select(2));
        checkScene(robot, "chaos, masked beside unmasked");
        assertTrue(robot.lookup(".hex-dump").queryAll().size() >= 2, "two hex panes side by side");

        select(robot, "demo JSON-RPC");
        Await.until(Duration.ofSeconds(10), () -> harness.window.controller().detailTabs().getTabs()
                .contains(harness.live.details().protocol().tab()), "the Protocol tab");
        robot.interact(() -> harness.window.controller().detailTabs().getSelectionModel()
                .select(harness.live.details().protocol().tab()));
        Await.until(Duration.ofSeconds(10), () -> !harness.live.details().protocol().table().getItems().isEmpty(),
                "calls");
        checkScene(robot, "JSON-RPC, Protocol tab");

        LiveConnection socketIo = open(robot, "Socket.IO demo", harness.session.demoUrl("/socketio?interval=100"));
        Await.until(Duration.ofSeconds(10), () -> harness.live.table().getItems().stream()
                .anyMatch(f -> f.header().opcode().code() == 1 && f.header().payloadLength() > 10), "Socket.IO events");
        selectFrame(robot, f -> f.header().opcode().code() == 1 && f.header().payloadLength() > 10);
        showDetailTab(robot, "Frame");
        robot.interact(() -> payload.getSelectionModel().select(payload.decodedTab()));
        Await.until(Duration.ofSeconds(10), () -> {
            String[] shown = new String[1];
            robot.interact(() -> shown[0] = payload.decodedView().chooser().getButtonCell().getText());
            return shown[0] != null && shown[0].startsWith("Auto → ");
        }, "Auto names the decoder it picked");
        checkScene(robot, socketIo.name() + ", decoded");

        LiveConnection failed = open(robot, "nothing listens here, a name long enough to need a second line",
                "ws://127.0.0.1:9/");
        Await.until(Duration.ofSeconds(10), () -> failed.failure().isPresent(), "the connection fails");
        showDetailTab(robot, "Handshake");
        checkScene(robot, "a failed connection, Handshake tab");

        assertEquals(List.of(), List.copyOf(cut), "cut at 1280×800");
        assertTrue(rowOf(robot, "#composer-ping") > rowOf(robot, "#composer-text"),
                "at 1280 px Ping and Close take a second row, leaving the message field its room");
    }

    private double rowOf(FxRobot robot, String id) {
        double[] y = new double[1];
        robot.interact(() -> {
            Node n = robot.lookup(id).query();
            y[0] = n.localToScene(n.getLayoutBounds()).getCenterY();
        });
        return y[0];
    }

    private LiveConnection open(FxRobot robot, String name, String url) {
        LiveConnection[] opened = new LiveConnection[1];
        robot.interact(() -> {
            opened[0] = harness.session.open(name, ConnectionSpec.to(url));
            harness.live.select(opened[0]);
        });
        return opened[0];
    }

    private void select(FxRobot robot, String name) {
        robot.interact(() -> harness.live.select(harness.session.connections().stream()
                .filter(c -> c.name().equals(name)).findFirst().orElseThrow()));
    }

    private void selectFrame(FxRobot robot, Predicate<FrameEvent> which) {
        robot.interact(() -> {
            harness.live.table().followProperty().set(false);
            harness.live.table().getItems().stream().filter(which).findFirst()
                    .ifPresent(f -> harness.live.table().getSelectionModel().select(f));
        });
    }

    private void showDetailTab(FxRobot robot, String title) {
        robot.interact(() -> harness.window.controller().detailTabs().getTabs().stream()
                .filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> harness.window.controller().detailTabs().getSelectionModel().select(t)));
    }

    /** Lays the scene out, then notes every cut text of the window's own that is showing. */
    private void checkScene(FxRobot robot, String where) {
        robot.interact(() -> harness.window.scene().getRoot().applyCss());
        robot.interact(() -> harness.window.scene().getRoot().layout());
        robot.interact(() -> visit(harness.window.scene().getRoot(), where));
    }

    private void visit(Node node, String where) {
        if (!node.isVisible() || isDataCell(node) || node.getStyleClass().contains("connection-url")) {
            return;
        }
        if (node instanceof Labeled l) {
            String text = l.isMnemonicParsing() ? l.getText().replaceFirst("_", "") : l.getText();
            shownText(l).filter(shown -> !shown.equals(text))
                    .ifPresent(shown -> cut.add(where + ": " + describe(l) + " shows '" + shown + "' of '"
                            + text + "'"));
        }
        if (node instanceof TextField field) {
            // One line: a text area's prompt wraps instead.
            checkPrompt(field, where);
        }
        if (node instanceof HexDumpView dump) {
            checkHexRows(dump, where);
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                visit(child, where);
            }
        }
    }

    /**
     * Table and list data (payload previews, a hex row, a decoded value) may be cut; their headers may not, nor a rule
     * id in the Violations column.
     */
    private static boolean isDataCell(Node node) {
        return node instanceof TableCell<?, ?> && !node.getStyleClass().contains("violation-cell")
                || node instanceof TreeTableCell<?, ?>
                || node instanceof ListCell<?> && node.getStyleClass().contains("hex-row");
    }

    /** The text the skin draws (the label's text, or its ellipsised cut); empty before the skin exists. */
    private static java.util.Optional<String> shownText(Labeled l) {
        if (l.getText() == null || l.getText().isEmpty()) {
            return java.util.Optional.empty();
        }
        return l.getChildrenUnmodifiable().stream().filter(Text.class::isInstance).map(Text.class::cast)
                .filter(t -> t.getStyleClass().contains("text")).map(Text::getText).findFirst();
    }

    private void checkPrompt(TextInputControl field, String where) {
        String prompt = field.getPromptText();
        if (prompt == null || prompt.isEmpty() || !field.getText().isEmpty() || field.getWidth() == 0) {
            return;
        }
        Text measure = new Text(prompt);
        measure.setFont(field.getFont());
        double room = field.getWidth() - field.snappedLeftInset() - field.snappedRightInset();
        if (measure.getLayoutBounds().getWidth() > room + 0.5) {
            cut.add(where + ": " + describe(field) + " prompt '" + prompt + "' needs "
                    + Math.ceil(measure.getLayoutBounds().getWidth()) + " px, has " + Math.floor(room));
        }
    }

    /** Each shown row's ASCII column ends inside the pane, left of its scroll bar. */
    private void checkHexRows(HexDumpView dump, String where) {
        Bounds pane = dump.localToScene(dump.getLayoutBounds());
        List<Node> rows = new ArrayList<>(dump.lookupAll(".hex-row"));
        for (Node row : rows) {
            if (!row.isVisible() || !(row instanceof IndexedCell<?> cell) || cell.isEmpty()) {
                continue;
            }
            Node ascii = row.lookup(".hex-ascii");
            if (ascii == null) {
                continue;
            }
            Bounds b = ascii.localToScene(ascii.getLayoutBounds());
            if (b.getMaxX() > pane.getMaxX() - scrollBarWidth(dump)) {
                cut.add(where + ": hex ASCII column ends at x=" + Math.round(b.getMaxX()) + ", the pane at x="
                        + Math.round(pane.getMaxX()));
                return;
            }
        }
    }

    /** The width of the dump's vertical scroll bar when it shows, which covers the rows' right end. */
    private static double scrollBarWidth(HexDumpView dump) {
        return dump.lookupAll(".scroll-bar").stream().filter(n -> n instanceof ScrollBar bar && bar.isVisible()
                && bar.getOrientation() == Orientation.VERTICAL).mapToDouble(n -> ((ScrollBar) n).getWidth())
                .max().orElse(1);
    }

    private static String describe(Node n) {
        return n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId())
                + (n.getStyleClass().isEmpty() ? "" : "." + String.join(".", n.getStyleClass()));
    }
}
