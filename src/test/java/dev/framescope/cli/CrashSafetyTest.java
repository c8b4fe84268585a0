package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.io.SessionReader;
import dev.framescope.testutil.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 while a capture writes its session file: every complete line loads, a damaged last line is named. */
class CrashSafetyTest {

    @Test
    void aKilledCaptureLeavesALoadableSession(@TempDir Path dir) throws Exception {
        Path session = dir.resolve("killed.fscap");
        Process capture = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "capture",
                "demo:/ticker?rate=5000&size=200", "--until-close", "--out", session.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("capture.log").toFile()).start();
        try {
            Await.until(Duration.ofSeconds(30), () -> lines(session) > 2_000, "the capture writing its session");
        } finally {
            capture.destroyForcibly();
            capture.waitFor();
        }
        assertEquals(137, capture.exitValue(), "killed with SIGKILL");
        long written = lines(session);
        SessionReader.Loaded loaded = SessionReader.read(session, 1 << 26);
        assertTrue(loaded.problems().size() <= 1, loaded.problems().toString());
        loaded.problems().forEach(p -> assertEquals(written, p.line(), "only the last line may be damaged"));
        long frames = loaded.logs().get(0).readFrom(0, loaded.logs().get(0).size()).stream()
                .filter(CaptureEvent.FrameEvent.class::isInstance).count();
        assertTrue(frames > 500, frames + " frames recovered of " + written + " lines");
        assertEquals(written - 2 - loaded.problems().size(), loaded.logs().get(0).size(),
                "every complete event line loaded (header and connection lines aside)");
    }

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.lines(file).count() : 0;
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

}
