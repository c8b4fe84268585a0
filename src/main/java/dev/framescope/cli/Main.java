package dev.framescope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code framescope}. Not an Application subclass, so the JavaFX GUI can later start from the classpath. */
@Command(name = "framescope",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        subcommands = {CaptureCommand.class, InspectCommand.class, DissectCommand.class, ExportCommand.class,
                ImportHarCommand.class, DecodeCommand.class, ConvertCommand.class,
                DemoServerCommand.class},
        description = "Frame-exact WebSocket inspector (RFC 6455 / RFC 7692).")
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"framescope " + (v == null ? "dev" : v)};
        }
    }
}
