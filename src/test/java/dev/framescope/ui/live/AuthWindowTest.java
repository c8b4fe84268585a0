package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.Direction;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.ConnectionTemplate;
import dev.framescope.engine.Environments;
import dev.framescope.engine.Variables.Variable;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.SessionText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Auth and variables on the real scene (headless Monocle) against the demo endpoint's {@code /headers} scenario:
 * a Bearer token from a secret variable of the active environment reaches the server, the handshake tab shows it
 * masked (revealed on request), and neither the connections list nor the saved session file holds it.
 */
@ExtendWith(ApplicationExtension.class)
class AuthWindowTest {

    private static final String TOKEN = "t0p-s3cr3t-tok";

    @RegisterExtension
    final LiveWindowHarness harness = new LiveWindowHarness();
    private final SessionModel session = harness.session;
    private LiveWindow live;
    private Stage stage;

    @TempDir
    Path dir;

    @Start
    void start(Stage s) {
        stage = s;
        harness.start(s);
        live = harness.live;
    }

    /** "local" with a secret token and a plain variable, defined through the Environments dialog, active. */
    private void defineEnvironment(FxRobot robot) {
        AtomicReference<EnvironmentsDialog> dialog = new AtomicReference<>();
        robot.interact(() -> {
            EnvironmentsDialog d = new EnvironmentsDialog(stage, session.environments().get());
            d.addEnvironment("local");
            d.addVariable(new Variable("token", TOKEN, true));
            d.addVariable(new Variable("who", "ann", false));
            d.dialog().show();
            dialog.set(d);
        });
        EnvironmentsDialog d = dialog.get();
        assertEquals("local", d.activeChoice().getValue(), "the first environment becomes the active one");
        Await.until(() -> robot.lookup(".table-cell").queryAllAs(Labeled.class).stream()
                .anyMatch(c -> "••••".equals(c.getText())), "the secret value masked in the table");
        assertFalse(robot.lookup(".table-cell").queryAllAs(Labeled.class).stream()
                .anyMatch(c -> TOKEN.equals(c.getText())), "the secret is not shown before reveal");
        robot.interact(() -> d.revealSwitch().setSelected(true));
        // The table's cells take the new text at the next layout pulse.
        Await.until(() -> robot.lookup(".table-cell").queryAllAs(Labeled.class).stream()
                .anyMatch(c -> TOKEN.equals(c.getText())), "revealed on request");
        robot.interact(() -> {
            d.dialog().setResult(d.environments());
            d.dialog().close();
            session.environments().set(d.environments());
        });
        assertEquals(Optional.of("local"), session.environments().get().active());
    }

    @Test
    void bearerFromAnEnvironmentReachesTheServerMaskedOnScreenAndAbsentFromTheSessionFile(FxRobot robot)
            throws Exception {
        defineEnvironment(robot);
        String url = session.demoUrl("/headers") + "?u={{who}}";
        AtomicReference<LiveConnection> opened = new AtomicReference<>();
        robot.interact(() -> {
            ConnectionDialog d = live.actions().connectionDialog();
            d.urlField().getEditor().setText(url);
            d.authSection().kindChoice().setValue(AuthSection.Kind.BEARER);
            d.authSection().tokenField().setText("{{token}}");
            assertEquals(1, d.queryEditor().table().getItems().size(), "the query table follows the URL");
            ConnectionSpec spec = d.spec();
            ConnectionTemplate template = d.template();
            assertEquals(new dev.framescope.engine.Auth.Bearer("{{token}}"), template.auth());
            opened.set(live.actions().open(template, spec));
        });
        LiveConnection c = opened.get();
        // The summary and the request text are set in one FX runnable; wait for the last of them.
        Await.until(Duration.ofSeconds(10), () -> live.details().handshakeSummary().getText().startsWith(
                "Status 101") && live.details().requestText().getText().contains("Authorization"), "the handshake");
        String shown = live.details().requestText().getText();
        assertTrue(shown.contains("Authorization: Bearer ••••"), shown);
        assertFalse(shown.contains(TOKEN), shown);
        assertTrue(shown.startsWith("GET /headers?u=ann HTTP/1.1"), shown);
        harness.showTab(robot, DetailTab.HANDSHAKE);
        robot.clickOn("#handshake-reveal");
        Await.until(() -> live.details().requestText().getText().contains("Authorization: Bearer " + TOKEN),
                "the wire truth on request: " + live.details().requestText().getText());

        Await.until(Duration.ofSeconds(10), () -> serverSaw(c).isPresent(), "the server's report");
        assertTrue(serverSaw(c).get().contains("\"Authorization\":\"Bearer " + TOKEN + "\""), serverSaw(c).get());

        assertEquals(url, c.shownUrl(), "the URL as written, variables unresolved");
        assertFalse(robot.lookup(".connection-url").queryAllAs(Labeled.class).stream()
                .anyMatch(l -> l.getText().contains(TOKEN)), "no secret in the connections list");

        Path file = dir.resolve("auth.fscap");
        harness.awaitJob(robot, () -> live.files().save(c, file));
        String saved = SessionText.v1(file);
        assertFalse(SessionText.raw(file).contains(TOKEN), saved);
        assertTrue(saved.contains("Authorization: [redacted]"), saved);
        assertTrue(saved.contains("\"token\":\"{{token}}\""), "the template is saved: " + saved);
    }

    private static Optional<String> serverSaw(LiveConnection c) {
        return c.log().readFrom(0, c.log().size()).stream()
                .filter(e -> e instanceof CaptureEvent.MessageEvent m && m.dir() == Direction.IN)
                .map(e -> new String(((CaptureEvent.MessageEvent) e).message().payload(), StandardCharsets.UTF_8))
                .findFirst();
    }

    @Test
    void anUndefinedVariableIsNamedInTheDialogAndTheComposerAndNothingIsSent(FxRobot robot) throws Exception {
        defineEnvironment(robot);
        String url = session.demoUrl("/headers");
        AtomicReference<ConnectionDialog> dialog = new AtomicReference<>();
        robot.interact(() -> {
            ConnectionDialog d = live.actions().connectionDialog();
            d.urlField().getEditor().setText(url);
            d.authSection().kindChoice().setValue(AuthSection.Kind.API_KEY);
            d.authSection().keyNameField().setText("X-Key");
            d.authSection().keyValueField().setText("{{apiKey}}");
            ((javafx.scene.control.Button) d.dialogPane().lookupButton(ButtonType.OK)).fire();
            dialog.set(d);
        });
        assertEquals("undefined variable 'apiKey' used in the API key value", dialog.get().errorLine().getText());

        AtomicReference<LiveConnection> opened = new AtomicReference<>();
        robot.interact(() -> {
            ConnectionDialog d = live.actions().connectionDialog();
            d.urlField().getEditor().setText(url);
            opened.set(live.actions().open(d.template(), d.spec()));
        });
        Await.until(Duration.ofSeconds(10), () -> serverSaw(opened.get()).isPresent(), "the connection open");
        robot.clickOn("#composer-text").write("hi {{missing}}");
        robot.clickOn("#composer-send");
        ComposerView composer = robot.lookup("#composer").query();
        String undefined = "⚠ undefined variable 'missing' used in the message";
        Await.until(() -> robot.lookup("#notification-text").tryQuery().map(n -> undefined.equals(
                ((Labeled) n).getText())).orElse(false), "the undefined variable named in the notification");
        robot.interact(() -> composer.messageField().setText("hi {{who}} \\{{who}}"));
        robot.clickOn("#composer-send");
        Await.until(() -> opened.get().log().readFrom(0, opened.get().log().size()).stream().anyMatch(e ->
                e instanceof CaptureEvent.MessageEvent m && m.dir() == Direction.OUT
                        && new String(m.message().payload(), StandardCharsets.UTF_8).equals("hi ann {{who}}")),
                "the resolved message sent");
        assertTrue(opened.get().log().readFrom(0, opened.get().log().size()).stream().noneMatch(e ->
                e instanceof CaptureEvent.MessageEvent m && m.dir() == Direction.OUT
                        && new String(m.message().payload(), StandardCharsets.UTF_8).contains("missing")),
                "the message with an undefined variable was not sent");
    }
}
