package dev.framescope.cli;

import java.io.PrintWriter;
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
        UnmatchedArgumentException.printSuggestions(ex, err);
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

    /** The exception's message, with a converter's complaint put after the option it is about. */
    static String describe(ParameterException ex) {
        Throwable cause = ex.getCause();
        ArgSpec arg = ex.getArgSpec();
        if (cause != null && arg != null && cause.getMessage() != null) {
            String name = arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
            return cause instanceof BadValue ? name + " " + cause.getMessage() : name + ": " + cause.getMessage();
        }
        return ex.getMessage();
    }
}
