package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.MemoryBudget;
import dev.framescope.engine.Engine;
import dev.framescope.engine.EngineSettings;
import dev.framescope.engine.Environment;
import dev.framescope.engine.Environments;
import dev.framescope.engine.Variables.Variable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session saves its environments whenever they change and a later session in the same config dir sees them. */
class SessionModelEnvironmentsTest {

    private static final Environments LOCAL = new Environments(List.of(new Environment("local",
            List.of(new Variable("token", "s3cret", true)))), Optional.of("local"));

    @TempDir
    Path dir;

    /** A session over the test's own config directory, as the application makes one from its options. */
    private SessionModel saved() {
        return SessionModel.withSavedEnvironments(dir, new MemoryBudget(64 << 20),
                Engine.start(EngineSettings.DEFAULTS));
    }

    @Test
    void changesAreSavedAndAFreshSessionLoadsThem() {
        SessionModel first = saved();
        assertEquals(Environments.NONE, first.environments().get());
        assertFalse(Files.exists(dir.resolve(EnvironmentStore.FILE_NAME)), "nothing written before a change");
        first.environments().set(LOCAL);
        assertTrue(Files.exists(dir.resolve(EnvironmentStore.FILE_NAME)));
        assertEquals(LOCAL, saved().environments().get());

        first.environments().set(LOCAL.withActive(Optional.empty()));
        assertEquals(Optional.empty(), saved().environments().get().active(),
                "which environment is active is saved too");
        assertEquals("", first.environmentsProblem().get());
    }

    @Test
    void aSessionWithoutAStoreWritesNothing() throws IOException {
        new SessionModel().environments().set(LOCAL);
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aCorruptFileLeavesTheSessionEmptyWithAProblemNamingFileLineAndColumn() throws IOException {
        Files.writeString(dir.resolve(EnvironmentStore.FILE_NAME), "{\"version\": 1,\n \"environments\": [\n");
        SessionModel session = saved();
        assertEquals(Environments.NONE, session.environments().get());
        String problem = session.environmentsProblem().get();
        assertTrue(problem.contains(dir.resolve(EnvironmentStore.FILE_NAME).toString()), problem);
        assertTrue(problem.matches("(?s).*line \\d+, column \\d+.*"), problem);
        assertTrue(problem.contains(".corrupt-"), problem);
    }

    @Test
    void aFailedSaveIsReportedAndAWorkingOneClearsIt() throws IOException {
        SessionModel session = saved();
        Path inTheWay = dir.resolve(EnvironmentStore.FILE_NAME).resolve("x");
        Files.createDirectories(inTheWay);
        List<String> shown = new java.util.ArrayList<>();
        session.environmentsProblem().addListener((o, was, now) -> {
            if (!now.isEmpty()) {
                shown.add(now);
            }
        });
        session.environments().set(LOCAL);
        assertTrue(session.environmentsProblem().get().startsWith("Environments not saved to "),
                session.environmentsProblem().get());
        session.environments().set(LOCAL.withActive(Optional.empty()));
        session.environments().set(LOCAL);
        assertEquals(3, shown.size(), "each failed save is reported, even with the same message: " + shown);
        Files.delete(inTheWay);
        Files.delete(inTheWay.getParent());
        session.environments().set(LOCAL.withActive(Optional.empty()));
        assertEquals("", session.environmentsProblem().get());
    }
}
