package dev.framescope.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/browser-check.sh} inside {@code mvn verify}: run by maven-failsafe-plugin in the
 * integration-test phase, after {@code package} built the jar the script must use (passed as
 * {@code FRAMESCOPE_JAR}, so the script never builds one itself). The script's own checks (one WebSocket recorded,
 * Chromium's deflate offer and masks, the page's message inflated, the server's messages, the close 4000) must each
 * print {@code ok}, and it must exit 0 within the deadline.
 */
class BrowserCheckIT {

    /** The script waits up to 30 s for each process and the proxy ends after 60 s at most. */
    private static final long DEADLINE_SECONDS = 150;

    private static final List<String> CHECKS = List.of("one WebSocket recorded", "Chromium's deflate offer",
            "the page's message, inflated", "masked client frames", "server messages", "the page's close 4000");

    @TempDir
    Path dir;

    @Test
    void theBrowserCheckPassesOnThePackagedJar() throws Exception {
        Chromium.requireInstalled();
        Path jar = Path.of(System.getProperty("framescope.jar", "target/framescope.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " is missing: the integration tests run after `package`");
        Path output = dir.resolve("browser-check.log");
        ProcessBuilder builder = new ProcessBuilder("bash", "scripts/browser-check.sh")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("FRAMESCOPE_JAR", jar.toString());
        Process script = builder.start();
        boolean ended = script.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String text = read(output);
        assertTrue(ended, "scripts/browser-check.sh did not end within " + DEADLINE_SECONDS + " s:\n" + text);
        assertEquals(0, script.exitValue(), "scripts/browser-check.sh failed:\n" + text);
        List<String> lines = text.lines().toList();
        assertTrue(lines.contains("browser-check: using " + jar), "not the packaged jar:\n" + text);
        for (String check : CHECKS) {
            assertTrue(lines.contains("ok   " + check), "no 'ok   " + check + "':\n" + text);
        }
        assertTrue(lines.contains("browser-check: passed"), text);
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no output)";
    }
}
