package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.PayloadStore;
import dev.framescope.ui.fx.Background;
import dev.framescope.ui.fx.UiDispatcher;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Message;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A filter over more frames (or messages) than the FX thread matches at once runs on the background executor: the
 * view keeps what it showed and the status bar says so until the matches come back; rows arriving afterwards are
 * matched as they come; a newer filter makes an older one's result moot. Opening the Messages view reads the
 * messages captured so far back there too. The executor here is a queue this test runs by hand,
 * on the test's own thread (not the FX thread), so that each step can be looked at.
 */
@ExtendWith(ApplicationExtension.class)
class FilterInBackgroundTest {

    private static final int FRAMES = FilterBar.FILTER_ON_FX_THREAD + 2_000;

    private final ArrayDeque<Runnable> executor = new ArrayDeque<>();
    private final CaptureLog log = new CaptureLog(1, "ws://test/", new PayloadStore(16 << 20));
    private TimelineModel timeline;
    private TimelineView table;
    private FilterBar bar;
    private MessagesView messagesView;
    private StatusModel status;

    @Start
    void start(Stage stage) {
        for (int i = 0; i < FRAMES; i++) {
            append(i % 1000 == 0 ? "order " + i : "tick " + i);
        }
        timeline = new TimelineModel();
        timeline.show(Optional.of(log));
        for (int pulse = 0; pulse < 100 && timeline.frames().size() < FRAMES; pulse++) {
            timeline.onPulse(System.nanoTime()); // the timeline takes a big log in a few pulses
        }
        table = new TimelineView(timeline, UiDispatcher.fx());
        messagesView = new MessagesView(timeline);
        bar = new FilterBar(timeline, table, messagesView,
                new Background(executor::add, UiDispatcher.fx()));
        status = new StatusModel(System::nanoTime, () -> null);
        bar.reportWorkTo(status);
        stage.setScene(new Scene(new VBox(bar, table), 800, 600));
        stage.show();
    }

    private void append(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        var header = FrameEncoder.frame(Opcode.TEXT).payload(payload).header();
        log.append(log.nanoAnchor() + 1, s -> new CaptureEvent.FrameEvent(s, Direction.IN, header, 0, true,
                log.payloads().store(payload), Optional.of(Opcode.TEXT), Optional.empty(), List.of()));
        log.append(log.nanoAnchor() + 1, s -> new CaptureEvent.MessageEvent(s, Direction.IN, new Message(
                Sender.SERVER, Opcode.TEXT, 0, 1, payload.length, false, payload.length, payload, List.of())));
    }

    private void search(FxRobot robot, String text) {
        robot.interact(() -> robot.lookup("#filter-search").queryTextInputControl().setText(text));
    }

    private List<String> shown(FxRobot robot) {
        AtomicReference<List<String>> texts = new AtomicReference<>();
        robot.interact(() -> texts.set(table.shown().stream()
                .map(f -> new String(f.payload().bytes(), StandardCharsets.UTF_8)).toList()));
        return texts.get();
    }

    /** Runs the next queued job here, off the FX thread, and waits for its outcome there. */
    private void runNextJob() {
        executor.removeFirst().run();
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aFilterOverManyFramesIsMatchedOffTheFxThreadAndFollowsNewFrames(FxRobot robot) {
        assertEquals(FRAMES, shown(robot).size());

        search(robot, "order");
        assertEquals(1, executor.size(), "the matching was handed to the background executor");
        assertEquals(FRAMES, shown(robot).size(), "the table keeps what it showed meanwhile");
        assertEquals("Filtering 12,000 frames…", status.work().get());

        runNextJob();
        assertEquals(List.of("order 0", "order 1000", "order 2000", "order 3000", "order 4000", "order 5000",
                "order 6000", "order 7000", "order 8000", "order 9000", "order 10000", "order 11000"), shown(robot));
        assertEquals("", status.work().get(), "the status bar's work ended");

        append("order late");
        append("tick late");
        robot.interact(() -> timeline.onPulse(System.nanoTime()));
        List<String> now = shown(robot);
        assertEquals("order late", now.get(now.size() - 1), "a new frame is matched as it comes: " + now);
        assertEquals(13, now.size());
        assertTrue(executor.isEmpty(), "without another scan");
    }

    @Test
    void aNewerFilterMakesTheOlderOnesResultMoot(FxRobot robot) {
        search(robot, "order");
        search(robot, "order 11");
        assertEquals(2, executor.size());
        runNextJob();
        assertEquals(FRAMES, shown(robot).size(), "the first filter was cancelled: nothing of it is shown");
        runNextJob();
        assertEquals(List.of("order 11000"), shown(robot));

        search(robot, "");
        assertEquals(FRAMES, shown(robot).size(), "no filter: every frame, at once");
        assertTrue(executor.isEmpty());
    }

    /** Opening the Messages view reads the messages captured so far in the background; later ones follow them. */
    @Test
    void theMessagesViewReadsTheCaptureBackOffTheFxThread(FxRobot robot) {
        timeline.readMessagesWith(new Background(executor::add, UiDispatcher.fx()));
        robot.interact(() -> timeline.setMessagesShown(true));
        assertEquals(1, executor.size(), "the reading was handed to the background executor");
        assertTrue(timeline.messagesLoadingProperty().get());
        assertTrue(timeline.messages().isEmpty());

        append("order late");
        robot.interact(() -> timeline.onPulse(System.nanoTime()));
        assertEquals(1, timeline.messages().size(), "a message that arrives meanwhile is collected as usual");

        runNextJob();
        assertEquals(FRAMES + 1, timeline.messages().size());
        assertEquals("tick 1", new String(timeline.messages().get(1).message().payload(), StandardCharsets.UTF_8));
        assertEquals("order late", new String(timeline.messages().get(FRAMES).message().payload(),
                StandardCharsets.UTF_8), "after those captured before");
        assertTrue(!timeline.messagesLoadingProperty().get());
    }

    @Test
    void theMessagesViewsFilterIsMatchedOffTheFxThreadToo(FxRobot robot) {
        robot.interact(() -> timeline.setMessagesShown(true));
        runNextJob();
        assertEquals(FRAMES, timeline.messages().size(), "the messages read back");

        search(robot, "order 11");
        assertEquals(2, executor.size(), "the messages' filter and the frames'");
        assertEquals(FRAMES, messagesView.getItems().size(), "the view keeps what it showed meanwhile");
        runNextJob();
        runNextJob();
        assertEquals(List.of("order 11000"), messagesView.getItems().stream()
                .map(m -> new String(m.message().payload(), StandardCharsets.UTF_8)).toList());

        append("order 11 late");
        robot.interact(() -> timeline.onPulse(System.nanoTime()));
        assertEquals(2, messagesView.getItems().size(), "a new message is matched as it comes");
    }
}
