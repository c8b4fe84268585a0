package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.Direction;
import dev.framescope.decode.subprotocol.Call;
import dev.framescope.engine.Connection;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.testutil.Await;
import dev.framescope.ui.FramescopeApp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Protocol tab on the real scene (headless Monocle) against the demo endpoint's /jsonrpc and /echo. */
@ExtendWith(ApplicationExtension.class)
class ProtocolTabTest {

    @RegisterExtension
    final LiveWindowHarness harness = new LiveWindowHarness();
    private final SessionModel session = harness.session;
    private FramescopeApp.MainWindow window;
    private LiveWindow live;

    @Start
    void start(Stage stage) {
        harness.start(stage);
        window = harness.window;
        live = harness.live;
    }

    private LiveConnection open(FxRobot robot, String name, String path) throws Exception {
        return harness.openSelected(robot, name, ConnectionSpec.to(session.demoUrl(path)));
    }

    @Test
    void jsonRpcCallsAppearWithLatencyAndSelectingOneSelectsItsRequestFrame(FxRobot robot) throws Exception {
        LiveConnection rpc = open(robot, "rpc", "/jsonrpc?notify=0");
        Connection c = rpc.connection().orElseThrow();
        c.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":[42,23],\"id\":1}");
        c.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"slow\",\"params\":{\"ms\":120},\"id\":2}");
        c.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"fail\",\"id\":3}");
        TableView<Call> table = live.details().protocol().table();
        Await.until(Duration.ofSeconds(10), () -> table.getItems().size() == 3
                && table.getItems().stream().allMatch(call -> call.latency().isPresent()), "three answered calls");
        assertTrue(window.controller().detailTabs().getTabs().contains(live.details().protocol().tab()),
                "the Protocol tab is shown for JSON-RPC traffic");
        List<Call> calls = List.copyOf(table.getItems());
        assertEquals(List.of("subtract", "slow", "fail"), calls.stream().map(Call::name).toList());
        assertEquals("result", calls.get(0).outcomeText());
        assertTrue(calls.get(1).latency().orElseThrow().toMillis() >= 120, calls.get(1).toString());
        assertEquals("error -32000 Demo failure", calls.get(2).outcomeText());
        robot.interact(() -> window.controller().detailTabs().getSelectionModel().select(live.details().protocol().tab()));
        Await.until(() -> robot.lookup("#protocol-table .table-cell").queryAllAs(TableCell.class).stream()
                .anyMatch(cell -> cell.getText() != null && cell.getText().matches("\\d+\\.\\d\\d ms")),
                "a latency cell on screen");

        robot.interact(() -> table.getSelectionModel().select(calls.get(1)));
        FrameEvent selected = live.table().getSelectionModel().getSelectedItem();
        assertEquals(Direction.OUT, selected.dir());
        assertTrue(new String(selected.frame().payload(), StandardCharsets.UTF_8).contains("\"method\":\"slow\""),
                "the slow request's frame is selected in the timeline");
        CaptureEvent request = rpc.log().get((int) calls.get(1).requestRef());
        assertTrue(request instanceof CaptureEvent.MessageEvent m && m.seq() > selected.seq());
        assertEquals(live.details().protocol().tab(), window.controller().detailTabs().getSelectionModel()
                .getSelectedItem(), "the Protocol tab stays in front");
    }

    @Test
    void theTabStaysHiddenForOtherTraffic(FxRobot robot) throws Exception {
        LiveConnection echo = open(robot, "echo", "/echo");
        echo.connection().orElseThrow().sendText("{\"seq\":1}");
        Await.until(Duration.ofSeconds(10), () -> echo.log().readFrom(0, echo.log().size()).stream()
                .anyMatch(e -> e instanceof CaptureEvent.MessageEvent m && m.dir() == Direction.IN), "the echo");
        int echoed = echo.log().size();
        Await.until(() -> live.details().protocol().eventsRead() >= echoed, "the Protocol view read the echo");
        assertFalse(window.controller().detailTabs().getTabs().contains(live.details().protocol().tab()));
    }
}
