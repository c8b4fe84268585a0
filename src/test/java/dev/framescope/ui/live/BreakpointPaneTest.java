package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.Direction;
import dev.framescope.proxy.Interception;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.ProxiedClient;
import dev.framescope.testutil.SceneShots;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Intercept panel's breakpoints, driven through the scene: a rule typed into the editor holds a client's
 * message, the held list and editor show it with its frame, and Send edited delivers the edit (the demo server
 * echoes it back) and the frames table marks the edit and the original; a malformed rule is explained and changes
 * nothing.
 */
@ExtendWith(ApplicationExtension.class)
class BreakpointPaneTest {

    private final LiveWindowHarness harness = new LiveWindowHarness();

    @Start
    void start(Stage stage) {
        harness.start(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        harness.stop(robot);
    }

    @Test
    void aHeldMessageEditedInThePanelReachesTheServer(FxRobot robot) throws Exception {
        int port = harness.startProxy(robot);
        robot.interact(() -> robot.lookup("#breakRules").queryAs(TextArea.class).setText("out:/echo:text:/order/"));
        robot.interact(robot.lookup("#breakApply").queryAs(Button.class)::fire);
        Label status = robot.lookup("#breakStatus").queryAs(Label.class);
        assertTrue(status.getText().startsWith("1 breakpoint;"), status.getText());

        ProxiedClient client = ProxiedClient.connect(port, URI.create(harness.session.demoUrl("/echo")), "order 1",
                false);
        List<String> got = client.got();

        @SuppressWarnings("unchecked")
        ListView<Object> held = robot.lookup("#heldMessages").queryAs(ListView.class);
        Await.until(() -> held.getItems().size() == 1, "the message in the held list");
        TextArea editor = robot.lookup("#heldEditor").queryAs(TextArea.class);
        Await.until(() -> editor.getText().equals("order 1"), "the editor shows it: " + editor.getText());
        Label frames = robot.lookup("#heldFrames").queryAs(Label.class);
        // Set on the FX thread just after the editor: awaited too, not read at once.
        Await.until(() -> frames.getText().contains("masking key"), "its frames with the app's masking key: "
                + frames.getText());
        assertEquals(List.of(), got, "nothing echoed while held");
        robot.interact(() -> SceneShots.save(editor.getScene(), "intercept-held"));

        robot.interact(() -> editor.setText("order 2"));
        robot.interact(robot.lookup("#heldSendEdited").queryAs(Button.class)::fire);
        Await.until(() -> got.contains("order 2"), "the edit echoed: " + got);
        Await.until(() -> held.getItems().isEmpty(), "the held list empties");
        client.send("hello");
        Await.until(() -> got.contains("hello"), "the connection goes on");
        assertEquals(List.of("order 2", "hello"), got);
        client.closeBlocking();

        LiveConnection proxied = harness.session.connections().stream()
                .filter(c -> c.name().startsWith("via proxy")).findFirst().orElseThrow();
        List<CaptureEvent> events = proxied.log().readFrom(0, proxied.log().size());
        assertTrue(events.stream().filter(e -> e instanceof CaptureEvent.MessageEvent m && m.dir() == Direction.OUT)
                .anyMatch(e -> new String(((CaptureEvent.MessageEvent) e).message().payload(),
                        StandardCharsets.UTF_8).equals("order 1")), "the original as the app sent it");
        assertTrue(events.stream().anyMatch(e -> e instanceof CaptureEvent.NoteEvent n
                && n.text().startsWith("edited at breakpoint") && n.text().contains("\"order 2\"")), "the edit noted");
        robot.interact(() -> harness.live.select(proxied));
        Await.until(() -> cellTexts(robot).stream().anyMatch(t -> t.startsWith("[edited by you; original: #1] ")),
                "the edit's row marked in the frames table: " + cellTexts(robot));
        Await.until(() -> cellTexts(robot).stream().anyMatch(t -> t.startsWith("[held, replaced by #2] ")),
                "the original's row marked: " + cellTexts(robot));
        assertTrue(cellTexts(robot).containsAll(List.of("replaced", "edited")), "the Proxy column's words");
        Await.until(() -> harness.live.details().notes().stream().anyMatch(n -> n.text().startsWith("edited at "
                + "breakpoint")), "the edit in the Notes tab: " + harness.live.details().notes());
        harness.showTab(robot, DetailTab.NOTES);
        robot.interact(() -> SceneShots.save(robot.lookup("#notes-list").query().getScene(), "intercept-notes"));
    }

    /** The texts of the frames table's cells now laid out. */
    private static List<String> cellTexts(FxRobot robot) {
        return robot.lookup("#frame-table .table-cell").queryAllAs(TableCell.class).stream()
                .map(c -> c.getText() == null ? "" : c.getText()).toList();
    }

    @Test
    void aBinaryMessageIsEditedAsHexAndAMalformedRuleIsExplained(FxRobot robot) throws Exception {
        int port = harness.startProxy(robot);
        robot.interact(() -> robot.lookup("#breakRules").queryAs(TextArea.class).setText("out:*:txt"));
        robot.interact(robot.lookup("#breakApply").queryAs(Button.class)::fire);
        Label status = robot.lookup("#breakStatus").queryAs(Label.class);
        assertTrue(status.getText().contains("no message kind after the URL glob (found 'txt'"), status.getText());
        assertTrue(harness.live.intercept().panel().model().breakpoints().breakpoints().rules().isEmpty());

        robot.interact(() -> robot.lookup("#breakRules").queryAs(TextArea.class).setText("out:*:binary"));
        robot.interact(robot.lookup("#breakApply").queryAs(Button.class)::fire);
        ProxiedClient client = ProxiedClient.connect(port, URI.create(harness.session.demoUrl("/echo")),
                new byte[] {1, 2, 3}, false);
        List<String> got = client.got();
        TextArea editor = robot.lookup("#heldEditor").queryAs(TextArea.class);
        Await.until(() -> editor.getText().equals("01 02 03"), "shown as hex: " + editor.getText());
        assertTrue(robot.lookup("#heldHex").queryAs(CheckBox.class).isSelected());
        robot.interact(() -> editor.setText("ff 00"));
        robot.interact(robot.lookup("#heldSendEdited").queryAs(Button.class)::fire);
        Await.until(() -> got.contains("ff00"), "the edited bytes echoed: " + got);

        // Inject a binary message toward the app into the connection chosen from the open ones.
        @SuppressWarnings("unchecked")
        ComboBox<Interception> into = robot.lookup("#injectInto").queryAs(ComboBox.class);
        robot.interact(into::show);
        Await.until(() -> into.getItems().size() == 1, "the open connection offered: " + into.getItems());
        robot.interact(() -> {
            into.hide();
            into.getSelectionModel().selectFirst();
            robot.lookup("#injectText").queryAs(TextField.class).setText("0a 0b");
            robot.lookup("#injectHex").queryAs(CheckBox.class).setSelected(true);
        });
        robot.interact(robot.lookup("#injectToApp").queryAs(Button.class)::fire);
        Await.until(() -> got.contains("0a0b"), "the injected binary message reaches the app: " + got);
        client.closeBlocking();
    }
}
