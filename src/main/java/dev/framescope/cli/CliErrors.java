package dev.framescope.cli;

import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How the command line reports a mistake in its arguments: one line that names the problem (and the fix where there
 * is one), then one line pointing at {@code --help}. Never the whole usage text, which would bury the line that
 * matters, and never a Java exception's name.
 */
final class CliErrors {

    /** What picocli and our commands return for bad arguments. */
    static final int BAD_ARGUMENTS = 2;

    private CliErrors() {
    }

    /** picocli's handler for arguments it could not parse or convert. */
    static int onParameterException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandName() + ": " + describe(ex));
        if (fileAlone(ex).isEmpty()) {
            UnmatchedArgumentException.printSuggestions(ex, err);
        }
        err.println(hint(cmd.getCommandSpec()));
        err.flush();
        return BAD_ARGUMENTS;
    }

    /** A command found its arguments unusable: the problem line, the hint line, and the exit code to return. */
    static int badArguments(CommandSpec spec, String problem) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.name() + ": " + problem);
        err.println(hint(spec));
        err.flush();
        return BAD_ARGUMENTS;
    }

    static String hint(CommandSpec spec) {
        return "Try '" + spec.qualifiedName() + " --help' for usage.";
    }

    /**
     * The exception's message, with a converter's complaint put after the option it is about, and a session or HAR
     * file given alone (which would open the window) that cannot be read named as such.
     */
    static String describe(ParameterException ex) {
        Optional<Path> file = fileAlone(ex);
        if (file.isPresent()) {
            return InputFiles.readProblem(file.get(), new NoSuchFileException(file.get().toString()));
        }
        Throwable cause = ex.getCause();
        ArgSpec arg = ex.getArgSpec();
        if (cause != null && arg != null && cause.getMessage() != null) {
            String name = arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
            return cause instanceof BadValue ? name + " " + cause.getMessage() : name + ": " + cause.getMessage();
        }
        return ex.getMessage();
    }

    /** {@code framescope x.fscap} where x.fscap could not be opened in the window: the launcher passed it here. */
    private static Optional<Path> fileAlone(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u && u.getCommandLine().getParent() == null
                && u.getUnmatched().size() == 1) {
            String arg = u.getUnmatched().get(0);
            String name = arg.toLowerCase(Locale.ROOT);
            if (name.endsWith(".fscap") || name.endsWith(".har")) {
                return Optional.of(Path.of(arg));
            }
        }
        return Optional.empty();
    }
}
