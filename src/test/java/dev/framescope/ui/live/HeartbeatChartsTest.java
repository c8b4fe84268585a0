package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.engine.ConnectionSpec;
import dev.framescope.testutil.Await;
import java.time.Duration;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Heartbeat tab's charts over real time: the message rate is counted per second of the tap's clock, so a ticker
 * at 50 messages a second must spread over real seconds (the lab's buttons, on a virtual clock: {@link
 * HeartbeatTabTest}).
 */
@ExtendWith(ApplicationExtension.class)
class HeartbeatChartsTest {

    @RegisterExtension
    final LiveWindowHarness harness = new LiveWindowHarness();

    @Start
    void start(Stage stage) {
        harness.start(stage);
    }

    @Test
    void messageRateSharesTheTimeAxisWithTheRtt(FxRobot robot) throws InterruptedException {
        String path = "/ticker?rate=50&count=100";
        harness.openSelected(robot, path, ConnectionSpec.to(harness.session.demoUrl(path)));
        harness.showTab(robot, DetailTab.HEARTBEAT);
        HeartbeatView view = harness.live.details().heartbeat();
        Await.until(Duration.ofSeconds(15), () -> view.rateSeries().getData().stream()
                .mapToInt(d -> d.getYValue().intValue()).sum() == 100, "100 ticks counted per second");
        NumberAxis rtt = xAxis(robot.lookup("#rtt-chart").query());
        NumberAxis rate = xAxis(robot.lookup("#rate-chart").query());
        assertEquals(rtt.getUpperBound(), rate.getUpperBound());
        assertTrue(rate.getUpperBound() >= 2, "100 ticks at 50/s span at least two seconds");
    }

    private static NumberAxis xAxis(XYChart<?, ?> chart) {
        return (NumberAxis) chart.getXAxis();
    }
}
