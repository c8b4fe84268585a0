package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.engine.Auth;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.ConnectionSpec.Header;
import dev.framescope.engine.ConnectionTemplate;
import dev.framescope.engine.Variables;
import dev.framescope.engine.Variables.Variable;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The dialog's "Auth & query" tab: auth helper → headers / query, the query table in sync with the URL. */
@ExtendWith(ApplicationExtension.class)
class ConnectionDialogAuthTest {

    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
        s.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 200, 100));
        s.show();
    }

    private final Variables vars = Variables.of(List.of(new Variable("key", "k-v", true),
            new Variable("host", "example.test", false)));

    @Test
    void theQueryTableFollowsTheUrlAndRewritesIt(FxRobot robot) {
        robot.interact(() -> {
            ConnectionDialog d = new ConnectionDialog(stage, List.of());
            d.urlField().getEditor().setText("wss://h/feed?room=7&t={{token}}#x");
            QueryEditor q = d.queryEditor();
            assertEquals(List.of(new QueryString.Param("room", "7"), new QueryString.Param("t", "{{token}}")),
                    q.params());
            q.table().getItems().get(0).value.set("8");
            assertEquals("wss://h/feed?room=8&t={{token}}#x", d.urlField().getEditor().getText());
            q.table().getItems().remove(1);
            q.table().getItems().get(0).name.set("floor");
            assertEquals("wss://h/feed?floor=8#x", d.urlField().getEditor().getText());
        });
    }

    @Test
    void eachAuthKindBecomesWhatItSendsAndTheTemplateKeepsTheVariables(FxRobot robot) {
        AtomicReference<ConnectionSpec> spec = new AtomicReference<>();
        AtomicReference<ConnectionTemplate> template = new AtomicReference<>();
        robot.interact(() -> {
            ConnectionDialog d = new ConnectionDialog(stage, List.of()).usingVariables(() -> vars);
            d.urlField().getEditor().setText("wss://{{host}}/x");
            d.headersField().setText("X-Trace: 1");
            d.authSection().kindChoice().setValue(AuthSection.Kind.API_KEY);
            d.authSection().keyNameField().setText("apikey");
            d.authSection().keyValueField().setText("{{key}}");
            d.authSection().keyPlacementChoice().setValue(Auth.Placement.QUERY);
            spec.set(d.spec());
            template.set(d.template());
        });
        assertEquals("wss://example.test/x?apikey=k-v", spec.get().uri().toString());
        assertEquals(List.of(new Header("X-Trace", "1")), spec.get().headers());
        assertEquals(new ConnectionTemplate("wss://{{host}}/x", List.of(new Header("X-Trace", "1")),
                new Auth.ApiKey("apikey", "{{key}}", Auth.Placement.QUERY)), template.get());

        AtomicReference<ConnectionTemplate> back = new AtomicReference<>();
        robot.interact(() -> back.set(new ConnectionDialog(stage, List.of()).usingVariables(() -> vars)
                .editing(spec.get(), template.get()).template()));
        assertEquals(template.get(), back.get(), "editing shows the connection as written, not resolved");
    }

    @Test
    void secretFieldsAreMaskedUntilRevealed(FxRobot robot) {
        robot.interact(() -> {
            ConnectionDialog d = new ConnectionDialog(stage, List.of("ws://h/"));
            d.authSection().kindChoice().setValue(AuthSection.Kind.BEARER);
            SecretField token = d.authSection().tokenField();
            token.setText("literal-secret");
            javafx.scene.Node hidden = token.lookup("#auth-token");
            javafx.scene.Node shown = token.lookup("#auth-token-revealed");
            assertTrue(hidden instanceof javafx.scene.control.PasswordField && hidden.isVisible());
            assertFalse(shown.isVisible());
            token.revealToggle().setSelected(true);
            assertTrue(shown.isVisible() && !hidden.isVisible());
            assertEquals("literal-secret", ((javafx.scene.control.TextField) shown).getText());
            assertEquals(List.of(new Header("Authorization", "Bearer literal-secret")), d.spec().headers());
        });
    }
}
