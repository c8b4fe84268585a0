package dev.framescope.testutil;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Screenshots of a test's real scene for the docs (Monocle draws it in software): with
 * {@code -Dframescope.shots=DIR} a test that calls {@link #save} writes {@code DIR/NAME.png}; without it nothing
 * happens. Retake: {@code mvn test -Dtest='BreakpointPaneTest,ProbeWindowTest,InterceptPanelTest' -Dframescope.shots=assets}.
 */
public final class SceneShots {

    private SceneShots() {
    }

    /** FX thread. */
    public static void save(Scene scene, String name) {
        String dir = System.getProperty("framescope.shots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        WritableImage image = scene.snapshot(null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            Files.createDirectories(Path.of(dir));
            ImageIO.write(out, "png", Path.of(dir, name + ".png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
