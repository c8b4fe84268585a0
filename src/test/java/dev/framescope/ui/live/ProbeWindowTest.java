package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.probe.CaseResult;
import dev.framescope.probe.Verdict;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.SharedDemo;
import dev.framescope.ui.probe.ProbeWindow;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Probe window (headless Monocle) against the demo's /echo: two categories run with live progress, the results
 * reach the table, and a double-click on a failed case opens its capture in the main window.
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
        robot.clickOn(window.get().runButton());
        Await.until(Duration.ofSeconds(30), () -> !window.get().model().running().get()
                && window.get().table().getItems().size() == 19, "11 + 8 cases in the table");
        assertEquals(1.0, window.get().model().progress().get(), 1e-9);
        // The demo's Java-WebSocket server accepts server_max_window_bits=9 without answering it (20.2.3) and
        // echoes an unmasked client frame instead of failing the connection (20.3.1).
        assertEquals("19 of 19 cases run, 2 FAILED.", window.get().model().status().get());
        assertEquals(java.util.List.of("20.2.3", "20.3.1"), window.get().table().getItems().stream()
                .filter(r -> r.grade().failed()).map(CaseResult::id).sorted().toList());
        CaseResult failed = window.get().table().getItems().stream().filter(r -> r.id().equals("20.3.1"))
                .findFirst().orElseThrow();
        assertEquals(Verdict.FAILED, failed.grade().behavior());
        robot.interact(() -> window.get().table().scrollTo(failed));
        TableRow<?> row = robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() == failed).findFirst().orElseThrow();
        robot.doubleClickOn(row);
        Await.until(() -> harness.session.connections().stream().anyMatch(c -> c.name().equals("probe 20.3.1")),
                "the case's capture among the connections");
        LiveConnection shown = harness.live.connections().getSelectionModel().getSelectedItem();
        assertEquals("probe 20.3.1", shown.name());
        Await.until(() -> !harness.live.timeline().frames().isEmpty(), "its frames in the table");
    }
}
