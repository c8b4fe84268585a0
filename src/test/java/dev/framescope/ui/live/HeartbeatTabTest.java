package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.HeartbeatKind;
import dev.framescope.capture.CaptureLog;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.HeartbeatPolicy;
import dev.framescope.engine.VirtualScheduler;
import dev.framescope.testutil.Await;
import java.time.Duration;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Heartbeat tab on the real scene (headless Monocle): the lab's buttons against the demo endpoint. The window's
 * timers — our pings, the storm's pacing, the probe's limit — and the demo's idle timeout run on a virtual clock the
 * tests advance; the demo's other timers take real time. The charts over real time: {@link HeartbeatChartsTest}.
 */
@ExtendWith(ApplicationExtension.class)
class HeartbeatTabTest {

    private final VirtualScheduler clock = new VirtualScheduler();
    @RegisterExtension
    final LiveWindowHarness harness = new LiveWindowHarness(clock);
    private final SessionModel session = harness.session;
    private LiveWindow live;

    @Start
    void start(Stage stage) {
        harness.start(stage);
        live = harness.live;
    }

    private LiveConnection openAndShowHeartbeat(String path, HeartbeatPolicy heartbeat, FxRobot robot)
            throws InterruptedException {
        LiveConnection c = harness.openSelected(robot, path, ConnectionSpec.to(session.demoUrl(path))
                .withHeartbeat(heartbeat));
        harness.showTab(robot, DetailTab.HEARTBEAT);
        return c;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPingStormFillsTheHistogramWithBars(FxRobot robot) throws InterruptedException {
        openAndShowHeartbeat("/echo", HeartbeatPolicy.OFF, robot);
        robot.interact(() -> {
            robot.lookup("#storm-count").queryAs(Spinner.class).getValueFactory().setValue(60);
            robot.lookup("#storm-interval").queryAs(Spinner.class).getValueFactory().setValue(2);
        });
        robot.clickOn("#ping-storm");
        HeartbeatView view = live.details().heartbeat();
        // A ping per step; the pongs' timeouts (5 s) stay far off, so none is missed however slow the machine.
        clock.advanceUntil(Duration.ofMillis(2), () -> view.histogramBins().stream()
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
    void theIdleProbeButtonReportsTheServersClose(FxRobot robot) throws Exception {
        Duration every = Duration.ofMillis(200);
        CaptureLog log = openAndShowHeartbeat("/idle?timeout=800", HeartbeatPolicy.every(every), robot).log();
        clock.advance(every);
        Await.until(() -> heartbeats(log, HeartbeatKind.PONG_RECEIVED) == 1, "one heartbeat answered");
        // The demo measures its idle timeout on the window's clock: however long the click takes, nothing is idle.
        robot.clickOn("#probe-idle");
        Await.until(() -> notes(log).anyMatch(n -> n.startsWith("idle probe: our pings stop")), "the probe started");
        clock.advance(Duration.ofMillis(800));
        Label result = robot.lookup("#idle-probe-result").queryAs(Label.class);
        Await.until(Duration.ofSeconds(15), () -> result.getText().startsWith("idle probe: idle for"),
                "the probe's result");
        assertTrue(result.getText().contains("then server sent close 1001 'idle timeout'"), result.getText());
        assertEquals(1, heartbeats(log, HeartbeatKind.PING_SENT), "the probe silenced our heartbeat");
    }

    private static Stream<String> notes(CaptureLog log) {
        return log.readFrom(0, log.size()).stream().filter(e -> e instanceof CaptureEvent.NoteEvent)
                .map(e -> ((CaptureEvent.NoteEvent) e).text());
    }

    private static long heartbeats(CaptureLog log, HeartbeatKind kind) {
        return log.readFrom(0, log.size()).stream()
                .filter(e -> e instanceof CaptureEvent.HeartbeatEvent h && h.kind() == kind).count();
    }
}
