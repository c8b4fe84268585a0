package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.engine.Environment;
import dev.framescope.engine.Environments;
import dev.framescope.engine.Variables.Variable;
import dev.framescope.testutil.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import dev.framescope.capture.MemoryBudget;
import dev.framescope.engine.Engine;
import dev.framescope.engine.EngineSettings;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Environments outlive the window (headless Monocle): made in Edit → Environments…, they are in the next window over
 * the same config directory (a temp dir here, passed in as the options would); a corrupt file is reported in the window.
 */
@ExtendWith(ApplicationExtension.class)
class EnvironmentsPersistenceTest {

    @TempDir
    Path dir;
    private Stage stage;
    private LiveWindowHarness harness;

    @Start
    void start(Stage s) {
        stage = s;
    }

    @AfterEach
    void stop(FxRobot robot) {
        if (harness != null) {
            harness.stop(robot);
        }
    }

    /** A window over a session that loads and saves its environments, as the application's own. */
    private LiveWindowHarness openWindow(FxRobot robot) {
        if (harness != null) {
            harness.stop(robot);
        }
        harness = new LiveWindowHarness(SessionModel.withSavedEnvironments(dir, new MemoryBudget(64 << 20), Engine.start(EngineSettings.DEFAULTS)), dir);
        robot.interact(() -> harness.start(stage));
        return harness;
    }

    private Path file() {
        return dir.resolve(EnvironmentStore.FILE_NAME);
    }

    @Test
    void anEnvironmentMadeInTheDialogIsInTheNextWindow(FxRobot robot) {
        LiveWindowHarness first = openWindow(robot);
        AtomicReference<EnvironmentsDialog> dialog = new AtomicReference<>();
        robot.interact(() -> {
            EnvironmentsDialog d = first.live.actions().editEnvironments();
            d.addEnvironment("staging");
            d.addVariable(new Variable("token", "t0k-staging", true));
            d.addVariable(new Variable("host", "staging.example", false));
            dialog.set(d);
        });
        assertFalse(Files.exists(file()), "nothing is saved while the dialog is being edited");
        robot.interact(() -> ((Button) dialog.get().dialog().getDialogPane().lookupButton(ButtonType.OK)).fire());
        Await.until(() -> Files.exists(file()), "the environments saved on OK");
        Environments expected = new Environments(List.of(new Environment("staging", List.of(
                new Variable("token", "t0k-staging", true), new Variable("host", "staging.example", false)))),
                Optional.of("staging"));
        assertEquals(expected, first.session.environments().get());

        LiveWindowHarness second = openWindow(robot);
        assertEquals(expected, second.session.environments().get(), "the secret flag and value, and the active one");
        ChoiceBox<?> chooser = robot.lookup("#environment-chooser").queryAs(ChoiceBox.class);
        assertEquals(List.of(EnvironmentsDialog.NO_ACTIVE, "staging"), List.copyOf(chooser.getItems()));
        assertEquals("staging", chooser.getValue());

        ChoiceBox<String> same = robot.lookup("#environment-chooser").query();
        robot.interact(() -> same.setValue(EnvironmentsDialog.NO_ACTIVE));
        assertEquals(Optional.empty(), openWindow(robot).session.environments().get().active(),
                "the chooser's choice is saved too");
        assertEquals("", harness.session.environmentsProblem().get());
    }

    @Test
    void aCorruptFileIsSetAsideAndNamedInTheWindowWithLineAndColumn(FxRobot robot) throws IOException {
        String truncated = "{\"version\": 1,\n  \"environments\": [{\"name\": \"local\",\n";
        Files.writeString(file(), truncated);
        LiveWindowHarness h = openWindow(robot);

        AtomicReference<String> status = new AtomicReference<>();
        robot.interact(() -> status.set(h.window.controller().statusText().getText()));
        assertTrue(status.get().contains(file().toString()), status.get());
        assertTrue(status.get().contains("line 3, column 1"), status.get());
        Label problem = robot.lookup("#environments-problem").queryAs(Label.class);
        assertTrue(problem.isVisible());
        assertTrue(problem.getText().contains("Kept it as " + EnvironmentStore.FILE_NAME + ".corrupt-"),
                problem.getText());
        assertEquals(Environments.NONE, h.session.environments().get());
        ChoiceBox<?> chooser = robot.lookup("#environment-chooser").queryAs(ChoiceBox.class);
        assertEquals(List.of(EnvironmentsDialog.NO_ACTIVE), List.copyOf(chooser.getItems()));

        assertFalse(Files.exists(file()));
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> kept = files.toList();
            assertEquals(1, kept.size(), kept.toString());
            assertEquals(truncated, Files.readString(kept.get(0)), "kept byte for byte");
        }
        robot.clickOn(problem);
        assertFalse(problem.isVisible(), "dismissed with a click");
    }
}
