package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Files that cannot be opened say why in words in the status bar: no "Input length = 1", no bare file name. */
@ExtendWith(ApplicationExtension.class)
class FileProblemWindowTest {

    @RegisterExtension
    final LiveWindowHarness harness = new LiveWindowHarness();

    @Start
    void start(Stage stage) {
        harness.start(stage);
    }

    private String openAndReadStatus(FxRobot robot, Path file) {
        harness.awaitJob(robot, () -> harness.live.files().open(file));
        return robot.lookup("#statusText").queryLabeled().getText();
    }

    @Test
    void binaryMissingAndDirectoryAreExplained(FxRobot robot, @TempDir Path dir) throws Exception {
        Path pcap = dir.resolve("capture.pcapng");
        Files.write(pcap, new byte[] {0x0a, 0x0d, 0x0d, 0x0a, (byte) 0xff, (byte) 0xfe, 0x00, (byte) 0x80, 0x1c});
        String binary = openAndReadStatus(robot, pcap);
        assertTrue(binary.startsWith("Cannot open capture.pcapng: it is a packet capture"), binary);

        String missing = openAndReadStatus(robot, dir.resolve("nope.fscap"));
        assertTrue(missing.startsWith("Cannot open nope.fscap: no such file ("), missing);

        Path folder = Files.createDirectory(dir.resolve("folder.fscap"));
        String directory = openAndReadStatus(robot, folder);
        assertTrue(directory.startsWith("Cannot open folder.fscap: it is a directory"), directory);
    }
}
