package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.Direction;
import dev.framescope.proxy.ProxiedLabel;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.ProxiedClient;
import dev.framescope.testutil.SceneShots;
import dev.framescope.wire.Sender;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitMenuButton;
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
 * File → Intercept Another App…: the panel starts the proxy off the FX thread, says how to point an app at it, a
 * real client's WebSocket through it appears in the connections list "via proxy" with both directions in the
 * timeline, and Stop ends it.
 */
@ExtendWith(ApplicationExtension.class)
class InterceptPanelTest {

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
    void startRecordAClientThroughItAndStop(FxRobot robot) throws Exception {
        String echo = harness.session.demoUrl("/echo");
        robot.interact(() -> harness.window.controller().interceptItem().fire());
        TextField listen = robot.lookup("#interceptListen").queryAs(TextField.class);
        TextField allow = robot.lookup("#interceptAllow").queryAs(TextField.class);
        robot.interact(() -> {
            listen.setText("127.0.0.1:0");
            allow.setText("127.0.0.0/8,::1");
        });
        Button start = robot.lookup("#interceptStart").queryAs(Button.class);
        robot.interact(start::fire);
        InterceptModel model = harness.live.intercept().panel().model();
        Await.until(Duration.ofSeconds(10), () -> model.running().get(), "the proxy running: "
                + model.status().get());
        Label status = robot.lookup("#interceptStatus").queryAs(Label.class);
        assertTrue(status.getText().startsWith("Listening on 127.0.0.1:"), status.getText());
        String howTo = robot.lookup("#interceptInstructions").queryAs(TextArea.class).getText();
        int port = model.address().orElseThrow().getPort();
        assertTrue(howTo.contains("HTTP_PROXY=http://127.0.0.1:" + port), howTo);
        assertTrue(howTo.contains("--proxy-bypass-list"), howTo);

        ProxiedClient client = ProxiedClient.connect(port, URI.create(echo), "seen by the window", false);
        List<String> got = client.got();
        Await.until(() -> got.contains("seen by the window"), "the echo through the proxy");
        client.closeBlocking();

        Await.until(() -> harness.connections().stream().anyMatch(c -> c.name().startsWith("via proxy")),
                "the proxied connection in the list");
        LiveConnection proxied = harness.session.connections().stream()
                .filter(c -> c.name().startsWith("via proxy")).findFirst().orElseThrow();
        assertTrue(proxied.name().contains(echo), proxied.name());
        robot.interact(() -> harness.live.select(proxied));
        Await.until(() -> messages(proxied, Direction.OUT).contains("seen by the window")
                && messages(proxied, Direction.IN).contains("seen by the window"), "both directions captured");
        Await.until(Duration.ofSeconds(10), () -> !harness.live.timeline().frames().isEmpty(),
                "its frames in the timeline");
        Label badge = robot.lookup("#connections-list .proxy-badge").match(Node::isVisible).queryAs(Label.class);
        assertEquals("via proxy", badge.getText());
        String app = "app at " + ProxiedLabel.parse(proxied.log().label()).orElseThrow().app();
        assertTrue(robot.lookup("#connections-list .connection-name").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().equals(app)), "the app's address as the list entry's title: " + app);
        assertTrue(robot.lookup("#connections-list .connection-url").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().equals(echo)), "the URL it opened below");
        Await.until(() -> proxied.stateText().equals("closed"), "closed once its end is recorded: "
                + proxied.stateText());
        Label totals = robot.lookup("#statusText").queryAs(Label.class);
        Await.until(() -> totals.getText().startsWith("1 connection · "), "the status bar's totals: "
                + totals.getText());
        robot.interact(() -> SceneShots.save(totals.getScene(), "intercept-connection"));
        robot.interact(() -> {
            robot.lookup("#composer-text").queryAs(TextField.class).setText("from the composer");
            robot.lookup("#composer-send").queryAs(Button.class).fire();
        });
        Label strip = robot.lookup("#notification-text").queryAs(Label.class);
        Await.until(() -> strip.getText().contains("the connection has ended: nothing was sent"),
                "the composer on a proxied connection that has ended: " + strip.getText());

        robot.interact(robot.lookup("#interceptStop").queryAs(Button.class)::fire);
        Await.until(Duration.ofSeconds(10), () -> !model.running().get(), "stopped");
        assertTrue(model.status().get().startsWith("Stopped. 1 WebSocket recorded"), model.status().get());
        assertFalse(start.isDisabled(), "can start again");
        assertEquals(1, harness.session.connections().stream().filter(c -> c.name().startsWith("via proxy")).count());
    }

    @Test
    void openInChromiumLoadsThePageThroughTheProxy(FxRobot robot) throws Exception {
        assertTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/chromium"))
                || java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/google-chrome")),
                "this check needs Debian's chromium (.ci/run installs it)");
        String echo = harness.session.demoUrl("/echo");
        InterceptModel model = harness.live.intercept().panel().model();
        robot.interact(() -> {
            harness.live.intercept().show();
            model.listen.set("127.0.0.1:0");
            model.upstreamAllow.set("127.0.0.0/8,::1");
            model.chromiumArgs.addAll(List.of("--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking"));
            model.start();
        });
        Await.until(Duration.ofSeconds(10), () -> model.running().get(), model.status().get());
        robot.interact(() -> robot.lookup("#interceptChromiumUrl").queryAs(TextField.class).setText(
                "data:text/html,<script>const ws = new WebSocket('" + echo + "'); ws.onopen = () => "
                        + "ws.send('from the panel'); ws.onmessage = () => ws.close(4000, 'done');</script>"));
        robot.interact(robot.lookup("#interceptChromium").queryAs(Button.class)::fire);
        Await.until(Duration.ofSeconds(60), () -> harness.connections().stream()
                .anyMatch(c -> c.name().startsWith("via proxy") && messages(c, Direction.IN).contains("from the panel")),
                "Chromium's WebSocket in the list: " + model.lastNotice().get());
        robot.interact(model::stop);
        Await.until(Duration.ofSeconds(20), () -> !model.running().get(), "stopped, Chromium with it");
    }

    @Test
    void theComposerSendsIntoAProxiedConnectionEitherWayAndClosesIt(FxRobot robot) throws Exception {
        String echo = harness.session.demoUrl("/echo");
        int port = harness.startProxy(robot);
        InterceptModel model = harness.live.intercept().panel().model();
        ProxiedClient client = ProxiedClient.connect(port, URI.create(echo),
                "first", false);
        List<String> got = client.got();
        Await.until(() -> got.contains("first"), "the echo through the proxy");
        Await.until(() -> harness.connections().stream().anyMatch(c -> c.name().startsWith("via proxy")),
                "the proxied connection in the list");
        LiveConnection proxied = harness.session.connections().stream()
                .filter(c -> c.name().startsWith("via proxy")).findFirst().orElseThrow();
        robot.interact(() -> harness.live.select(proxied));
        @SuppressWarnings("unchecked")
        ChoiceBox<Sender> as = robot.lookup("#composer-inject-as").queryAs(ChoiceBox.class);
        assertTrue(as.isVisible(), "the composer offers a side to send as");
        @SuppressWarnings("unchecked")
        ChoiceBox<ComposerView.Mode> mode = robot.lookup("#composer-mode").queryAs(ChoiceBox.class);
        TextField text = robot.lookup("#composer-text").queryAs(TextField.class);
        Button send = robot.lookup("#composer-send").queryAs(Button.class);

        robot.interact(() -> {
            as.setValue(Sender.SERVER);
            text.setText("as if from the server");
            send.fire();
        });
        Await.until(() -> got.contains("as if from the server"), "the message reaches the app: " + got);
        robot.interact(() -> {
            as.setValue(Sender.CLIENT);
            mode.setValue(ComposerView.Mode.JSON);
            text.setText("{ \"n\": 1 }");
            send.fire();
        });
        Await.until(() -> got.contains("{\"n\":1}"), "the compact JSON reaches the server, which echoes it: " + got);
        Await.until(() -> messages(proxied, Direction.IN).contains("{\"n\":1}"), "the echo captured");
        robot.interact(() -> SceneShots.save(text.getScene(), "intercept-inject"));
        robot.interact(() -> {
            mode.setValue(ComposerView.Mode.RAW_FRAME);
            text.setText("81 00");
            send.fire();
        });
        Label strip = robot.lookup("#notification-text").queryAs(Label.class);
        assertTrue(strip.getText().contains("raw frames and fragments are for your own connections"),
                strip.getText());

        robot.interact(robot.lookup("#composer-close").queryAs(SplitMenuButton.class)::fire);
        Await.until(() -> client.isClosed() && proxied.stateText().equals("closed"), "closed by the composer");
        Await.until(() -> notes(proxied).stream().anyMatch(n -> n.startsWith("closed by the user with 1000")),
                "the close in the capture's notes: " + notes(proxied));
        assertTrue(notes(proxied).stream().anyMatch(n -> n.startsWith("injected toward the app as if from the "
                + "server")), notes(proxied).toString());
        assertTrue(notes(proxied).stream().anyMatch(n -> n.startsWith("injected toward the server as if from the "
                + "app")), notes(proxied).toString());
        robot.interact(robot.lookup("#interceptStop").queryAs(Button.class)::fire);
        Await.until(Duration.ofSeconds(10), () -> !model.running().get(), "stopped");
    }

    private static List<String> notes(LiveConnection c) {
        return c.log().readFrom(0, c.log().size()).stream().filter(e -> e instanceof CaptureEvent.NoteEvent)
                .map(e -> ((CaptureEvent.NoteEvent) e).text()).toList();
    }

    @Test
    void aBadListenAddressIsExplainedAndNothingRuns(FxRobot robot) {
        robot.interact(() -> harness.live.intercept().show());
        robot.interact(() -> robot.lookup("#interceptListen").queryAs(TextField.class).setText("127.0.0.1:99999"));
        robot.interact(robot.lookup("#interceptStart").queryAs(Button.class)::fire);
        InterceptModel model = harness.live.intercept().panel().model();
        Await.until(Duration.ofSeconds(10), () -> model.status().get().startsWith("Could not start"),
                model.status().get());
        assertTrue(model.status().get().contains("port from 0 to 65535"), model.status().get());
        assertFalse(model.running().get());
    }

    private static List<String> messages(LiveConnection c, Direction dir) {
        return c.log().readFrom(0, c.log().size()).stream().filter(e -> e instanceof CaptureEvent.MessageEvent)
                .map(e -> (CaptureEvent.MessageEvent) e).filter(m -> m.dir() == dir)
                .map(m -> new String(m.message().payload(), StandardCharsets.UTF_8)).toList();
    }
}
