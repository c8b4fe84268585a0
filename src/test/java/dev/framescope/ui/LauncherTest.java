package dev.framescope.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

    @Test
    void aSessionOrHarFileOpensTheWindowAndAnythingElseIsTheCommandLine(@TempDir Path dir) throws IOException {
        Path session = Files.writeString(dir.resolve("saved.fscap"), "{}\n");
        Path har = Files.writeString(dir.resolve("browser.HAR"), "{}");
        assertTrue(Launcher.opensInWindow(new String[] {session.toString()}), "double-clicked session file");
        assertTrue(Launcher.opensInWindow(new String[] {har.toString()}), "a HAR, whatever the case of its suffix");
        assertFalse(Launcher.opensInWindow(new String[] {dir.resolve("missing.fscap").toString()}),
                "a file that is not there is for the command line to report");
        assertFalse(Launcher.opensInWindow(new String[] {"inspect", session.toString()}));
        assertFalse(Launcher.opensInWindow(new String[] {"capture"}));
    }
}
