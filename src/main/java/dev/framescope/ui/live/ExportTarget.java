package dev.framescope.ui.live;

import dev.framescope.capture.io.Exports.Format;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * What the export dialog proposes and what it means: {@code <connection>-<time>.<ext>} in the folder used last, and
 * the format the user chose by the file type unless they typed another extension themselves.
 */
final class ExportTarget {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneId.systemDefault());

    private Optional<Path> lastFolder = Optional.empty();

    /** The folder of the last export, for the next dialog to open in. */
    Optional<Path> lastFolder() {
        return lastFolder;
    }

    /** The next dialog opens in this file's folder. */
    void remember(Path file) {
        lastFolder = Optional.ofNullable(file.toAbsolutePath().getParent());
    }

    /** "demo-ticker-20261204-173012.pcapng": the connection's name made safe for any file system. */
    static String suggestedName(String connection, Instant at, String extension) {
        String safe = connection.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^[-.]+|-+$", "");
        return (safe.isEmpty() ? "capture" : safe) + "-" + STAMP.format(at) + "." + extension;
    }

    /**
     * The file and format to write: an extension the user typed decides; the suggested one left in place follows
     * the file type chosen in the dialog; a name without extension gets the chosen type's.
     */
    Chosen chosen(Path file, Format suggested, Optional<Format> chosenType) {
        remember(file);
        String name = file.getFileName().toString();
        Optional<Format> typed = Format.forFileName(name);
        Format type = chosenType.orElse(suggested);
        if (typed.isPresent() && typed.get() != suggested) {
            return new Chosen(file, typed.get());
        }
        String base = typed.isPresent() ? name.substring(0, name.lastIndexOf('.')) : name;
        return new Chosen(file.resolveSibling(base + "." + type.extension()), type);
    }

    record Chosen(Path file, Format format) {
    }
}
