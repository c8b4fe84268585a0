package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.HeartbeatPolicy;
import dev.framescope.testutil.Await;
import dev.framescope.ui.FramescopeApp;
import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Heartbeat tab on the real scene (headless Monocle): the lab's buttons against the demo endpoint. */
@ExtendWith(ApplicationExtension.class)
class HeartbeatTabTest {

    private final LiveWindowHarness harness = new LiveWindowHarness();
    private final SessionModel session = harness.session;
    private FramescopeApp.MainWindow window;
    private LiveWindow live;

    @Start
    void start(Stage stage) {
        harness.start(stage);
        window = harness.window;
        live = harness.live;
    }

    @AfterEach
    void stop(FxRobot robot) {
        harness.stop(robot);
    }

    private void openAndShowHeartbeat(FxRobot robot, String path) throws InterruptedException {
        openAndShowHeartbeat(robot, path, HeartbeatPolicy.OFF);
    }

    private void openAndShowHeartbeat(FxRobot robot, String path, HeartbeatPolicy heartbeat)
            throws InterruptedException {
        String url = session.demoUrl(path);
        LiveConnection[] opened = new LiveConnection[1];
        robot.interact(() -> {
            opened[0] = session.open(path, ConnectionSpec.to(url).withHeartbeat(heartbeat));
            live.connections().getSelectionModel().select(opened[0]);
            window.controller().detailTabs().getTabs().stream().filter(t -> "heartbeatTab".equals(t.getId()))
                    .findFirst().ifPresent(t -> window.controller().detailTabs().getSelectionModel().select(t));
        });
        assertTrue(opened[0].connection().orElseThrow().awaitOpen(Duration.ofSeconds(10)), "connected");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPingStormFillsTheHistogramWithBars(FxRobot robot) throws InterruptedException {
        openAndShowHeartbeat(robot, "/echo");
        robot.interact(() -> {
            robot.lookup("#storm-count").queryAs(Spinner.class).getValueFactory().setValue(60);
            robot.lookup("#storm-interval").queryAs(Spinner.class).getValueFactory().setValue(2);
        });
        robot.clickOn("#ping-storm");
        HeartbeatView view = live.details().heartbeat();
        Await.until(Duration.ofSeconds(15), () -> view.histogramBins().stream()
                .mapToInt(RttHistogram.Bin::count).sum() == 60, "60 round trips in the histogram");
        robot.interact(() -> { });
        var bars = robot.lookup("#rtt-histogram .histogram-bar").queryAll();
        assertEquals(view.histogramBins().size(), bars.size(), "one bar per bin");
        assertTrue(bars.stream().anyMatch(b -> b.getBoundsInParent().getHeight() > 10 && b.isVisible()),
                "the tallest bar is drawn tall");
        assertEquals(60, view.rttSeries().getData().size(), "one RTT point per pong");
        assertTrue(robot.lookup("#heartbeat-stats").queryAs(Label.class).getText().startsWith("60 pongs"),
                robot.lookup("#heartbeat-stats").queryAs(Label.class).getText());
    }

    @Test
    void theIdleProbeButtonReportsTheServersClose(FxRobot robot) throws InterruptedException {
        // Our heartbeat keeps the connection open however long the click takes; the probe silences it.
        openAndShowHeartbeat(robot, "/idle?timeout=800", HeartbeatPolicy.every(Duration.ofMillis(200)));
        robot.clickOn("#probe-idle");
        Label result = robot.lookup("#idle-probe-result").queryAs(Label.class);
        Await.until(Duration.ofSeconds(15), () -> result.getText().startsWith("idle probe: idle for"),
                "the probe's result");
        assertTrue(result.getText().contains("then server sent close 1001 'idle timeout'"), result.getText());
    }

    @Test
    void messageRateSharesTheTimeAxisWithTheRtt(FxRobot robot) throws InterruptedException {
        openAndShowHeartbeat(robot, "/ticker?rate=50&count=100");
        HeartbeatView view = live.details().heartbeat();
        Await.until(Duration.ofSeconds(15), () -> view.rateSeries().getData().stream()
                .mapToInt(d -> d.getYValue().intValue()).sum() == 100, "100 ticks counted per second");
        Node rtt = robot.lookup("#rtt-chart").query();
        Node rate = robot.lookup("#rate-chart").query();
        javafx.scene.chart.NumberAxis a = (javafx.scene.chart.NumberAxis) ((javafx.scene.chart.XYChart<?, ?>) rtt)
                .getXAxis();
        javafx.scene.chart.NumberAxis b = (javafx.scene.chart.NumberAxis) ((javafx.scene.chart.XYChart<?, ?>) rate)
                .getXAxis();
        assertEquals(a.getUpperBound(), b.getUpperBound());
        assertTrue(b.getUpperBound() >= 2, "100 ticks at 50/s span at least two seconds");
    }
}
