package dev.framescope.cli;

import dev.framescope.capture.io.FileKind;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionReader;
import dev.framescope.capture.io.SessionReader.NotASessionException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** Why a file argument could not be read, in one line that names the file and, where there is one, the fix. */
final class InputFiles {

    private InputFiles() {
    }

    /** For a session file given to {@code inspect} or {@code export}. */
    static String sessionProblem(CommandSpec spec, Path file, IOException e) {
        if (e instanceof NotASessionException n) {
            return switch (n.kind()) {
                case PCAPNG, PCAP -> file + " is " + n.kind().description() + ": " + (hasCommand(spec, "convert")
                        ? "use 'framescope convert' or open it in Wireshark"
                        : "open it in Wireshark (framescope reads its own .fscap session files)");
                case HAR -> file + " is a HAR file: use 'framescope import-har " + file + " --out SESSION.fscap'";
                default -> n.getMessage();
            };
        }
        return readProblem(file, e);
    }

    /** Fails as reading would, before anything else is done: no such file, a directory, not a session file. */
    static void checkSession(Path file) throws IOException {
        if (SessionFiles.version(file) == 1) {
            SessionReader.checkFile(file);
        }
    }

    /** For any file we only read: missing, a directory, not allowed, or the system's own words. */
    static String readProblem(Path file, IOException e) {
        if (Files.isDirectory(file)) {
            return "cannot read " + file.toAbsolutePath() + ": it is a directory, not a file";
        }
        if (e instanceof NoSuchFileException) {
            return "cannot read " + file + ": no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "cannot read " + file + ": permission denied";
        }
        return "cannot read " + file + ": " + (e.getMessage() == null ? "read error" : e.getMessage());
    }

    /** A command's own argument check failed, or a file it was given could not be read. */
    static String problem(Exception e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            return readProblem(Path.of(fs.getFile()), fs);
        }
        return e.getMessage() == null ? "cannot use the arguments" : e.getMessage();
    }

    /** The file looks like the named kind (for commands that take something other than a session). */
    static boolean is(Path file, FileKind kind) {
        try {
            return Files.isRegularFile(file) && FileKind.of(file) == kind;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean hasCommand(CommandSpec spec, String name) {
        return spec.root().subcommands().containsKey(name);
    }
}
