package dev.framescope.cli;

import dev.framescope.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code framescope}. Not an Application subclass, so the JavaFX GUI can later start from the classpath. */
@Command(name = "framescope",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        subcommands = {CaptureCommand.class, InspectCommand.class, DissectCommand.class, ExportCommand.class,
                ImportHarCommand.class, DecodeCommand.class, ConvertCommand.class,
                DemoServerCommand.class, ReplayCommand.class, MockCommand.class, ProbeCommand.class,
                ProxyCommand.class},
        description = "Frame-exact WebSocket inspector (RFC 6455 / RFC 7692).")
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final AppOptions options;
    private final Engine.Factory engines;

    private Main(AppOptions options, Engine.Factory engines) {
        this.options = options;
        this.engines = engines;
    }

    /** The process-wide settings, parsed once at start; subcommands reach them as their parent command's. */
    AppOptions options() {
        return options;
    }

    /** Where {@code capture} gets its engine: real timers, or a test's virtual clock. */
    Engine.Factory engines() {
        return engines;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Parses this process's options once (leading options, then {@code framescope.*} properties) and runs. */
    public static int run(String... args) {
        AppOptions.Parsed parsed;
        try {
            parsed = AppOptions.fromProcess(args);
        } catch (IllegalArgumentException e) {
            System.err.println("framescope: " + e.getMessage());
            System.err.println("Try 'framescope --help' for usage.");
            return 2;
        }
        return run(parsed.options(), parsed.arguments());
    }

    /** Runs the command line with options already parsed, on the arguments they left. */
    public static int run(AppOptions options, List<String> arguments) {
        CommandLine cli = commandLine(options);
        if (System.console() == null) {
            cli.setOut(new StdoutWriter(System.out, Charset.defaultCharset()));
        }
        return cli.execute(arguments.toArray(String[]::new));
    }

    /** For tests: this process's options, with no leading arguments, and engines from {@code engines}. */
    static CommandLine commandLine(Engine.Factory engines) {
        return commandLine(AppOptions.fromProcess(new String[0]).options(), engines);
    }

    static CommandLine commandLine(AppOptions options) {
        return commandLine(options, Engine.Factory.realTime());
    }

    static CommandLine commandLine(AppOptions options, Engine.Factory engines) {
        return new CommandLine(new Main(options, engines))
                .setParameterExceptionHandler(CliErrors::onParameterException);
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
