package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.Direction;
import dev.framescope.engine.Connection;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.replay.DemoRecordings;
import dev.framescope.replay.Outcome;
import dev.framescope.replay.SideBySide;
import dev.framescope.replay.Timing;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.SharedDemo;
import dev.framescope.wire.Opcode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.geometry.Side;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Connection → Replay… in the real window (headless Monocle), against the demo endpoint on loopback: a JSON-RPC
 * conversation captured in the window, replayed from the connection list's menu against the demo (it matches) and
 * against its {@code drift=1} variant (the side-by-side view names and marks {@code $.result}); a replay that waits
 * on a silent server is cancelled.
 */
@ExtendWith(ApplicationExtension.class)
class ReplayWindowTest {

    @RegisterExtension
    final LiveWindowHarness harness = new LiveWindowHarness();

    @Start
    void start(Stage stage) {
        harness.start(stage);
    }

    /** The JSON-RPC script captured in the window, ended, the connection selected. */
    private LiveConnection recordJsonRpc(FxRobot robot) throws InterruptedException {
        DemoRecordings.Script script = DemoRecordings.JSONRPC;
        LiveConnection c = harness.openSelected(robot, "rpc",
                ConnectionSpec.to(SharedDemo.server().uri(script.path())));
        Connection conn = c.connection().orElseThrow();
        script.messages().forEach(conn::sendText);
        Await.until(() -> c.log().counters().messagesIn() >= script.serverMessages(), "the demo's answers");
        conn.close(1000, "recorded");
        assertTrue(conn.awaitEnded(Duration.ofSeconds(5)), "the recorded connection ended");
        return c;
    }

    /** Right-click on the connection, Replay…; returns the window once it is open. */
    private ReplayWindow openReplay(FxRobot robot) {
        ContextMenu menu = harness.live.connections().getContextMenu();
        robot.interact(() -> menu.show(harness.live.connections(), Side.BOTTOM, 0, 0));
        MenuItem item = menu.getItems().stream().filter(i -> "Replay…".equals(i.getText())).findFirst().orElseThrow();
        assertFalse(item.isDisable(), "Replay… is offered for the ended connection");
        robot.interact(() -> {
            menu.hide();
            item.fire();
        });
        Await.until(() -> harness.live.replays().lastReplay().isPresent(), "the replay window");
        ReplayWindow w = harness.live.replays().lastReplay().get();
        Await.until(() -> w.stage().isShowing(), "the replay window shown");
        return w;
    }

    @SuppressWarnings("unchecked")
    private void replay(FxRobot robot, ReplayWindow w, String url, Timing timing) {
        robot.interact(() -> {
            TextField field = (TextField) w.stage().getScene().lookup("#replay-url");
            if (url != null) {
                field.setText(url);
            }
            ((ChoiceBox<Timing>) w.stage().getScene().lookup("#replay-timing")).setValue(timing);
        });
        robot.clickOn((Button) w.stage().getScene().lookup("#replay-run"));
    }

    private String text(FxRobot robot, Supplier<String> read) {
        AtomicReference<String> t = new AtomicReference<>();
        robot.interact(() -> t.set(read.get()));
        return t.get();
    }

    private void awaitVerdict(FxRobot robot, ReplayWindow w) {
        Await.until(Duration.ofSeconds(30), () -> !text(robot, () -> w.result().verdict().getText()).isEmpty(),
                "the verdict");
    }

    @Test
    void replayedFrameExactAgainstTheDemoItMatches(FxRobot robot) throws Exception {
        recordJsonRpc(robot);
        ReplayWindow w = openReplay(robot);
        CheckBox exact = (CheckBox) w.stage().getScene().lookup("#replay-exact-frames");
        assertFalse(exact.isDisabled(), "a capture with frames can be replayed frame-exact");
        robot.interact(() -> exact.setSelected(true));
        replay(robot, w, null, Timing.REACTIVE);
        awaitVerdict(robot, w);
        assertEquals("✔ Matches", text(robot, () -> w.result().verdict().getText()));
        List<Outcome> rows = w.result().outcomes().getItems();
        assertEquals(5, rows.size());
        assertTrue(rows.stream().allMatch(o -> o.verdict() == Outcome.Verdict.SAME), rows::toString);
        assertTrue(text(robot, () -> ((Label) w.stage().getScene().lookup("#replay-summary")).getText())
                .contains("same 5, changed 0, missing 0, extra 0"));
        Await.until(() -> harness.connections().stream().anyMatch(c -> c.name().equals("replay of rpc")),
                "the replay's capture on the connection list");
        LiveConnection capture = harness.session.connections().stream()
                .filter(c -> c.name().equals("replay of rpc")).findFirst().orElseThrow();
        assertEquals(4, capture.log().counters().messagesOut(), "the replay's own capture has our 4 messages");
    }

    @Test
    void aDriftingServerShowsTheChangedFieldSideBySide(FxRobot robot) throws Exception {
        recordJsonRpc(robot);
        ReplayWindow w = openReplay(robot);
        replay(robot, w, SharedDemo.server().uri("/jsonrpc?notify=0&drift=1").toString(), Timing.FAST);
        awaitVerdict(robot, w);
        assertEquals("✘ Differs", text(robot, () -> w.result().verdict().getText()));
        List<Outcome> changed = w.result().outcomes().getItems().stream()
                .filter(o -> o.verdict() == Outcome.Verdict.CHANGED).toList();
        assertEquals(3, changed.size(), w.result().outcomes().getItems()::toString);
        // The first message that differs is selected: add(2,3) answered 6 instead of 5.
        Outcome selected = w.result().outcomes().getSelectionModel().getSelectedItem();
        assertEquals(Outcome.Verdict.CHANGED, selected.verdict());
        SideBySide.Line old = marked(w.result().recordedLines().getItems());
        SideBySide.Line now = marked(w.result().replayedLines().getItems());
        assertEquals("$.result", old.path());
        assertEquals("\"result\" : 5,", old.text().replace("\": ", "\" : "));
        assertEquals("\"result\" : 6,", now.text().replace("\": ", "\" : "));
        String diff = text(robot, () -> ((Label) w.stage().getScene().lookup("#replay-differences")).getText());
        assertTrue(diff.contains("$.result: 5 → 6"), diff);
        robot.interact(() -> w.result().outcomes().getSelectionModel().clearAndSelect(changed.size() > 0
                ? w.result().outcomes().getItems().indexOf(changed.get(1)) : 0));
        assertFalse(marked(w.result().recordedLines().getItems()).path().isEmpty());
    }

    private static SideBySide.Line marked(List<SideBySide.Line> lines) {
        return lines.stream().filter(l -> l.mark() == SideBySide.Mark.DIFFERS).findFirst()
                .orElseThrow(() -> new AssertionError("no line marked: " + lines));
    }

    @Test
    void aReplayWaitingOnASilentServerIsCancelled(FxRobot robot) throws Exception {
        recordJsonRpc(robot);
        ReplayWindow w = openReplay(robot);
        replay(robot, w, SharedDemo.server().uri("/idle?timeout=60000").toString(), Timing.FAST);
        Await.until(Duration.ofSeconds(20), () -> text(robot, () -> ((Label) w.stage().getScene()
                .lookup("#replay-progress-words")).getText())
                .startsWith("waiting for the server's last answers"), "the replay waiting for answers");
        robot.clickOn((Button) w.stage().getScene().lookup("#replay-cancel"));
        Await.until(() -> text(robot, () -> ((Label) w.stage().getScene().lookup("#replay-summary")).getText())
                .equals("Replay cancelled."), "the cancel shown");
        Button run = (Button) w.stage().getScene().lookup("#replay-run");
        assertFalse(run.isDisabled(), "Replay can run again");
        Await.until(() -> harness.connections().stream().anyMatch(c -> c.name().equals("replay of rpc")),
                "the cancelled replay's capture on the list");
        LiveConnection capture = harness.session.connections().stream()
                .filter(c -> c.name().equals("replay of rpc")).findFirst().orElseThrow();
        Await.until(() -> capture.log().readFrom(0, capture.log().size()).stream()
                .anyMatch(e -> e instanceof CaptureEvent.FrameEvent f && f.dir() == Direction.OUT
                        && f.header().opcode() == Opcode.CLOSE), "our close frame: the connection was closed");
    }
}
