package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.probe.CaseResult;
import dev.framescope.probe.Verdict;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.SceneShots;
import dev.framescope.testutil.SharedDemo;
import dev.framescope.ui.probe.CaseDetail;
import dev.framescope.ui.probe.ProbeWindow;
import dev.framescope.wire.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Probe window (headless Monocle) against the demo's /echo: two categories run with live progress, the results
 * reach the table with their verdicts in coloured words, selecting a case shows its detail, and a double-click on a
 * failed case opens its capture in the main window.
 */
@ExtendWith(ApplicationExtension.class)
class ProbeWindowTest {

    @RegisterExtension
    final LiveWindowHarness harness = new LiveWindowHarness();

    @Start
    void start(Stage stage) {
        harness.start(stage);
    }

    @Test
    void runsCategoriesAndOpensAFailedCasesCapture(FxRobot robot) {
        AtomicReference<ProbeWindow> window = new AtomicReference<>();
        String echo = SharedDemo.server().uri("/echo").toString();
        robot.interact(() -> {
            window.set(harness.live.probe().open(echo));
            window.get().choose(Set.of("2", "20"));
        });
        assertTrue(((Labeled) window.get().table().getPlaceholder()).getText().startsWith("The server must echo "
                + "every message back"), "the window says up front that the server must echo");
        robot.clickOn(window.get().runButton());
        Await.until(Duration.ofSeconds(30), () -> !window.get().model().running().get()
                && window.get().table().getItems().size() == 21, "11 + 10 cases in the table");
        assertEquals(1.0, window.get().model().progress().get(), 1e-9);
        // The demo's Java-WebSocket server accepts server_max_window_bits=9 without answering it (20.2.3) and
        // echoes an unmasked client frame instead of failing the connection (20.3.1).
        assertEquals("21 of 21 cases run, 2 failed.", window.get().model().status().get());
        assertEquals(java.util.List.of("20.2.3", "20.3.1"), window.get().table().getItems().stream()
                .filter(r -> r.grade().failed()).map(CaseResult::id).sorted().toList());
        CaseResult failed = window.get().table().getItems().stream().filter(r -> r.id().equals("20.3.1"))
                .findFirst().orElseThrow();
        assertEquals(Verdict.FAILED, failed.grade().behavior());
        robot.interact(() -> window.get().table().scrollTo(failed));
        TableRow<?> row = robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() == failed).findFirst().orElseThrow();
        robot.clickOn(row);
        verdictsAreColouredWords(robot, failed);
        caseDetailExplains(window.get(), failed);
        robot.interact(() -> SceneShots.save(window.get().table().getScene(), "probe-window"));
        robot.doubleClickOn(row);
        Await.until(() -> harness.connections().stream().anyMatch(c -> c.name().equals("probe 20.3.1")),
                "the case's capture among the connections");
        LiveConnection shown = harness.live.connections().getSelectionModel().getSelectedItem();
        assertEquals("probe 20.3.1", shown.name());
        Await.until(() -> !harness.live.timeline().frames().isEmpty(), "its frames in the table");
    }

    /** The Behavior cells say "Failed", "OK", "Non-strict" in the theme's red, green and amber. */
    private static void verdictsAreColouredWords(FxRobot robot, CaseResult failed) {
        Await.until(() -> behaviorCell(robot, failed).isPresent(), "the failed case's cells laid out");
        TableCell<?, ?> bad = behaviorCell(robot, failed).orElseThrow();
        assertEquals("Failed", bad.getText());
        assertTrue(bad.getStyleClass().contains("probe-failed"), bad.getStyleClass().toString());
        assertEquals(Color.web("#cf222e"), ((Labeled) bad).getTextFill());
        List<TableCell<?, ?>> cells = robot.lookup(".table-cell").queryAllAs(TableCell.class).stream()
                .<TableCell<?, ?>>map(c -> c).filter(c -> c.getTableColumn() != null
                        && c.getTableColumn().getText().equals("Behavior") && c.getText() != null).toList();
        TableCell<?, ?> ok = cells.stream().filter(c -> c.getText().equals("OK")).findFirst().orElseThrow();
        assertEquals(Color.web("#1a7f37"), ok.getTextFill());
        // 20.1.3: the demo's Java-WebSocket server refuses version 8 with 404, not 426.
        assertTrue(cells.stream().anyMatch(c -> c.getText().equals("Non-strict")
                && Color.web("#9a6700").equals(c.getTextFill())), "a non-strict cell in amber");
        assertTrue(cells.stream().noneMatch(c -> c.getText().matches(".*[A-Z]{2,}_.*|NON-STRICT|FAILED")),
                "no verdict shown as a constant's name");
    }

    private static java.util.Optional<TableCell<?, ?>> behaviorCell(FxRobot robot, CaseResult r) {
        return robot.lookup(".table-cell").queryAllAs(TableCell.class).stream().<TableCell<?, ?>>map(c -> c)
                .filter(c -> c.getTableRow() != null && c.getTableRow().getItem() == r && c.getTableColumn() != null
                        && c.getTableColumn().getText().equals("Behavior")).findFirst();
    }

    /** Selecting a case shows its expectation, what happened, both grades, the RFC clause and the violation id. */
    private static void caseDetailExplains(ProbeWindow window, CaseResult failed) {
        Await.until(() -> window.detail().title().getText().equals("Case 20.3.1"), "the detail of 20.3.1");
        CaseDetail d = window.detail();
        assertEquals(failed.probeCase().expectation(), d.label("Expectation").getText());
        assertTrue(d.label("What happened").getText().startsWith("sent back text message (13 bytes), then kept the "
                + "connection open until we dropped it, instead of closing with 1002"),
                d.label("What happened").getText());
        assertEquals("Failed — " + failed.grade().result(), d.label("Behavior").getText());
        assertTrue(d.label("Behavior").getStyleClass().contains("probe-failed"));
        assertEquals(Violation.UNMASKED_CLIENT_FRAME.rfcSection(), d.label("RFC").getText());
        assertTrue(d.label("Violation id").getText().startsWith("UNMASKED_CLIENT_FRAME ("),
                d.label("Violation id").getText());
    }
}
