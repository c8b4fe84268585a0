package dev.framescope.ui.live;

import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Why a file could not be read or written, in words a user can act on, never an exception's class name. */
final class FileProblem {

    private FileProblem() {
    }

    /** "cannot read x.fscap: no such file", "… is not a text file (a pcapng capture?)", "… is a directory". */
    static String describe(String verb, Path file, Exception problem) {
        return "Cannot " + verb + " " + file.getFileName() + ": " + reason(file, problem);
    }

    static String reason(Path file, Exception problem) {
        if (problem instanceof NoSuchFileException) {
            return "no such file (" + file.toAbsolutePath() + ")";
        }
        if (problem instanceof AccessDeniedException) {
            return "permission denied (" + file.toAbsolutePath() + ")";
        }
        if (problem instanceof CharacterCodingException) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".pcapng") || name.endsWith(".pcap")
                    ? "it is a packet capture, not a session file: open it in Wireshark"
                    : "it is not a text file (a session file is JSON Lines, a HAR is JSON)";
        }
        String message = problem.getMessage() == null ? "" : problem.getMessage();
        if (message.contains("Is a directory")) {
            return "it is a directory (" + file.toAbsolutePath() + ")";
        }
        if (problem instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        return message.isBlank() ? "the file could not be read" : message;
    }
}
