package dev.framescope.ui.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The last session files opened or saved, newest first, kept in {@code recent.txt} in the user's config directory
 * ({@link ConfigDir}, beside {@code environments.json}).
 */
final class RecentFiles {

    static final int MAX = 10;

    private final Path store;
    private final List<Path> files = new ArrayList<>();

    RecentFiles(Path store) {
        this.store = store;
    }

    /** {@code recent.txt} in the configuration directory. */
    static Path storeIn(Path configDir) {
        return configDir.resolve("recent.txt");
    }

    /**
     * Where earlier versions kept the list ({@code ~/.framescope/recent.txt} under {@code home}); read once if the
     * new file is absent.
     */
    static Path formerStore(Path home) {
        return home.resolve(".framescope").resolve("recent.txt");
    }

    /** Any thread: the list is read and written off the FX thread and shown on it. */
    synchronized List<Path> files() {
        return List.copyOf(files);
    }

    synchronized void load() {
        readFrom(store);
    }

    /** Loads the list, from {@code former} when this store has none yet (a user's list from an earlier version). */
    synchronized void load(Path former) {
        readFrom(Files.exists(store) ? store : former);
    }

    private void readFrom(Path from) {
        files.clear();
        try {
            if (Files.exists(from)) {
                for (String line : Files.readAllLines(from, StandardCharsets.UTF_8)) {
                    if (!line.isBlank() && files.size() < MAX) {
                        files.add(Path.of(line.trim()));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            files.clear();
        }
    }

    synchronized void add(Path file) {
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
