package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framescope.engine.Connection;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.replay.DemoRecordings;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.SharedDemo;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.geometry.Side;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Connection → Serve as mock… in the real window (headless Monocle): a JSON-RPC conversation captured from the demo
 * is served on loopback; a Java-WebSocket client connects to the URL the window shows and gets the recorded answer
 * under its own id; the window lists the client and the message nothing matched, and the client's frame-exact
 * capture joins the connection list. Stop ends the mock.
 */
@ExtendWith(ApplicationExtension.class)
class MockWindowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final LiveWindowHarness harness = new LiveWindowHarness();

    @Start
    void start(Stage stage) {
        harness.start(stage);
    }

    /** A Java-WebSocket client that keeps what it receives. */
    private static final class Client extends WebSocketClient {
        final List<String> texts = new CopyOnWriteArrayList<>();

        Client(URI uri) {
            super(uri);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public void onMessage(String message) {
            texts.add(message);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
        }

        @Override
        public void onError(Exception ex) {
        }
    }

    private String text(FxRobot robot, Supplier<String> read) {
        AtomicReference<String> t = new AtomicReference<>();
        robot.interact(() -> t.set(read.get()));
        return t.get();
    }

    @Test
    void aRealClientGetsTheRecordedAnswersAndTheWindowShowsWhatItServed(FxRobot robot) throws Exception {
        DemoRecordings.Script script = DemoRecordings.JSONRPC;
        LiveConnection recorded = harness.openSelected(robot, "rpc",
                ConnectionSpec.to(SharedDemo.server().uri(script.path())));
        Connection conn = recorded.connection().orElseThrow();
        script.messages().forEach(conn::sendText);
        Await.until(() -> recorded.log().counters().messagesIn() >= script.serverMessages(), "the demo's answers");
        conn.close(1000, "recorded");
        assertTrue(conn.awaitEnded(Duration.ofSeconds(5)));

        ContextMenu menu = harness.live.connections().getContextMenu();
        robot.interact(() -> menu.show(harness.live.connections(), Side.BOTTOM, 0, 0));
        MenuItem item = menu.getItems().stream().filter(i -> "Serve as mock…".equals(i.getText())).findFirst()
                .orElseThrow();
        robot.interact(() -> {
            menu.hide();
            item.fire();
        });
        Await.until(() -> harness.live.replays().lastMock().isPresent(), "the mock window");
        MockWindow w = harness.live.replays().lastMock().get();
        Await.until(() -> w.stage().isShowing(), "the mock window shown");
        robot.clickOn((Button) w.stage().getScene().lookup("#mock-start"));
        TextField url = (TextField) w.stage().getScene().lookup("#mock-url");
        Await.until(() -> text(robot, url::getText).startsWith("ws://127.0.0.1:"), "the listen URL");

        Client client = new Client(URI.create(text(robot, url::getText) + "jsonrpc"));
        assertTrue(client.connectBlocking(10, java.util.concurrent.TimeUnit.SECONDS), "the client connected");
        try {
            Await.until(() -> client.texts.size() == 1, "the recorded welcome");
            client.send("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[2,3],\"id\":\"mine\"}");
            client.send("{\"jsonrpc\":\"2.0\",\"method\":\"divide\",\"params\":[1,0],\"id\":99}");
            Await.until(() -> client.texts.size() == 2, "the recorded answer");
            assertEquals(5, JSON.readTree(client.texts.get(1)).path("result").asInt());
            assertEquals("mine", JSON.readTree(client.texts.get(1)).path("id").asText());

            @SuppressWarnings("unchecked")
            ListView<String> unmatched = (ListView<String>) w.stage().getScene().lookup("#mock-unmatched-list");
            Await.until(() -> text(robot, () -> String.join("\n", unmatched.getItems())).contains("divide"),
                    "the unmatched message listed");
            Label counts = (Label) w.stage().getScene().lookup("#mock-counts");
            assertTrue(text(robot, counts::getText).startsWith("Serving: 1 client connected"), counts.getText());
            Await.until(() -> harness.connections().stream().anyMatch(c -> c.name().startsWith("mock client 1")),
                    "the client's capture on the connection list");
            LiveConnection captured = harness.session.connections().stream()
                    .filter(c -> c.name().startsWith("mock client 1")).findFirst().orElseThrow();
            Await.until(() -> captured.log().counters().framesOut() >= 2, "the client's frames captured");
            assertTrue(captured.log().subprotocol().isEmpty());
        } finally {
            client.closeBlocking();
        }
        robot.clickOn((Button) w.stage().getScene().lookup("#mock-stop"));
        assertTrue(text(robot, url::getText).isEmpty(), "no URL once stopped");
        assertFalse(((Button) w.stage().getScene().lookup("#mock-start")).isDisabled(), "Start again is offered");
    }
}
