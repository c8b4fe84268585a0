package dev.framescope.ui.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The last session files opened or saved, newest first, kept in a small text file in the user's home. */
final class RecentFiles {

    static final int MAX = 10;

    private final Path store;
    private final List<Path> files = new ArrayList<>();

    RecentFiles(Path store) {
        this.store = store;
    }

    static Path defaultStore() {
        return Path.of(System.getProperty("framescope.home", System.getProperty("user.home")), ".framescope",
                "recent.txt");
    }

    List<Path> files() {
        return List.copyOf(files);
    }

    void load() {
        files.clear();
        try {
            if (Files.exists(store)) {
                for (String line : Files.readAllLines(store, StandardCharsets.UTF_8)) {
                    if (!line.isBlank() && files.size() < MAX) {
                        files.add(Path.of(line.trim()));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            files.clear();
        }
    }

    void add(Path file) {
        Path p = file.toAbsolutePath().normalize();
        files.remove(p);
        files.add(0, p);
        while (files.size() > MAX) {
            files.remove(files.size() - 1);
        }
        try {
            Files.createDirectories(store.getParent());
            Files.write(store, files.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // Recent files are a convenience: losing the list must not disturb the user's work.
        }
    }
}
