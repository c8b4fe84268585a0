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

/** kill -9 while a capture writes its session file: every whole record loads, a torn last record is named. */
class CrashSafetyTest {

    @Test
    void aKilledCaptureLeavesALoadableSession(@TempDir Path dir) throws Exception {
        Path session = dir.resolve("killed.fscap");
        Process capture = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "capture",
                "demo:/ticker?rate=5000&size=200", "--until-close", "--out", session.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("capture.log").toFile()).start();
        try {
            Await.until(Duration.ofSeconds(30), () -> size(session) > 400_000, "the capture writing its session");
        } finally {
            capture.destroyForcibly();
            capture.waitFor();
        }
        assertEquals(137, capture.exitValue(), "killed with SIGKILL");
        long written = size(session);
        SessionReader.Loaded loaded = SessionReader.read(session, 1 << 26);
        assertTrue(loaded.problems().size() <= 1, loaded.problems().toString());
        for (SessionReader.LoadProblem p : loaded.problems()) {
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("byte offset (\\d+): the file ends inside this record \\(a torn tail: (\\d+) bytes lost\\)")
                    .matcher(p.message());
            assertTrue(m.matches(), "only the last record may be damaged: " + p);
            assertEquals(written, Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)), "it ends the file: " + p);
        }
        long frames = loaded.logs().get(0).readFrom(0, loaded.logs().get(0).size()).stream()
                .filter(CaptureEvent.FrameEvent.class::isInstance).count();
        assertTrue(frames > 1_000, frames + " frames recovered of " + written + " bytes");
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
