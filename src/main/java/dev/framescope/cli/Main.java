package dev.framescope.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
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
        return new CommandLine(new Main()).setParameterExceptionHandler(CliErrors::onParameterException);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version Maven wrote into {@code version.properties} at build time (the installers set it). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"framescope " + p.getProperty("version", "(unknown version)")};
        }
    }
}
