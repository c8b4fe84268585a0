package dev.framescope.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Guards DESIGN.md's layer arrows by reading the imports of every main source file. */
class LayeringTest {

    private static final Path MAIN = Path.of("src/main/java/dev/framescope");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    /**
     * Package → import prefixes it must not use. {@code decode} is pure (JDK and format libraries only), so
     * {@code capture} may import it — the JSON Lines export adds each payload's decoded tree — and so may
     * {@code cli} and {@code ui}; {@code decode} itself imports nothing of ours.
     */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "wire", List.of("dev.framescope.", "javafx.", "org.java_websocket.", "com.fasterxml.", "java.io.File",
                    "java.nio.file.", "java.net.", "java.util.concurrent.Executor", "java.lang.Thread"),
            "capture", List.of("dev.framescope.engine.", "dev.framescope.ui.", "dev.framescope.cli.",
                    "dev.framescope.demo.", "javafx.", "org.java_websocket."),
            "engine", List.of("dev.framescope.ui.", "dev.framescope.cli.", "dev.framescope.demo.", "javafx."),
            "demo", List.of("dev.framescope.engine.", "dev.framescope.capture.", "dev.framescope.ui.",
                    "dev.framescope.cli.", "javafx."),
            "cli", List.of("dev.framescope.ui.", "javafx."),
            "decode", List.of("dev.framescope.", "javafx.", "org.java_websocket."));

    @Test
    void everyLayerImportsOnlyWhatDesignAllows() throws IOException {
        List<String> breaches = new ArrayList<>();
        int files = 0;
        try (Stream<Path> sources = Files.walk(MAIN)) {
            for (Path file : (Iterable<Path>) sources.filter(p -> p.toString().endsWith(".java"))::iterator) {
                files++;
                String layer = MAIN.relativize(file).getName(0).toString();
                List<String> forbidden = FORBIDDEN.getOrDefault(layer, List.of());
                Matcher m = IMPORT.matcher(read(file));
                while (m.find()) {
                    String imported = m.group(1);
                    boolean ownLayer = imported.startsWith("dev.framescope." + layer + ".");
                    if (!ownLayer && forbidden.stream().anyMatch(imported::startsWith)) {
                        breaches.add(MAIN.relativize(file) + " imports " + imported);
                    }
                }
            }
        }
        assertTrue(files > 5, "expected to scan the main sources, found " + files + " files");
        assertEquals(List.of(), breaches);
    }

    @Test
    void theGuardCatchesAForbiddenImport() {
        Matcher m = IMPORT.matcher("package dev.framescope.wire;\nimport javafx.scene.Node;\n");
        assertTrue(m.find());
        assertTrue(FORBIDDEN.get("wire").stream().anyMatch(m.group(1)::startsWith));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
