package dev.framescope.cli;

import dev.framescope.capture.text.EventText;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.MemoryBudget;
import dev.framescope.capture.ConnectionState;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.io.SessionJson;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionOutput;
import dev.framescope.demo.DemoServer;
import dev.framescope.engine.Connection;
import dev.framescope.engine.Engine;
import dev.framescope.engine.EngineSettings;
import dev.framescope.capture.Secrets;
import dev.framescope.engine.ConnectionOptions;
import dev.framescope.engine.io.ConnectionSetup;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.ConnectionTemplate;
import dev.framescope.engine.Environment;
import dev.framescope.engine.Variables;
import dev.framescope.engine.HeartbeatPolicy;
import dev.framescope.engine.PongMode;
import dev.framescope.engine.ProtocolMode;
import dev.framescope.engine.TlsOptions;
import dev.framescope.wire.Utf8Validator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framescope capture}: connect, print every frame live, summarise, and write the session file. */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Connect to a WebSocket endpoint and record everything that crosses the wire.",
                "URL is ws://…, wss://…, or demo:/PATH for the built-in demo endpoint (e.g. demo:/ticker?rate=100)."})
final class CaptureCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Holds the process-wide options (the memory budget). */
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "URL")
    String url;

    @Option(names = "--header", paramLabel = "K:V", description = "Extra request header (repeatable; {{variables}} "
            + "allowed).")
    List<String> headers = new ArrayList<>();

    @Option(names = "--subprotocol", paramLabel = "P", description = "Offer a subprotocol (repeatable, in order).")
    List<String> subprotocols = new ArrayList<>();

    @Option(names = "--offer", paramLabel = "EXT",
            description = "Offer an extension, e.g. 'permessage-deflate; client_max_window_bits' (repeatable).")
    List<String> offers = new ArrayList<>();

    @Option(names = "--send", paramLabel = "TEXT", description = "Send a text message once open (repeatable; "
            + "{{variables}} allowed, \\{{ for a literal '{{').")
    List<String> sends = new ArrayList<>();

    @Option(names = "--send-file", paramLabel = "F", description = "Send a file's bytes (text if valid UTF-8).")
    Optional<Path> sendFile;

    @Option(names = "--ping-interval", paramLabel = "D", converter = Durations.class,
            description = "Ping at this interval and measure round trips (e.g. 1s).")
    Optional<Duration> pingInterval;

    @Option(names = "--pong", paramLabel = "MODE", converter = PongModes.class,
            description = "How to answer the server's pings: auto (default), off, delay=500ms, payload=TEXT.")
    PongMode pong = PongMode.AUTO;

    @Option(names = "--idle-probe", paramLabel = "LIMIT", arity = "0..1", fallbackValue = "5m",
            converter = Durations.class, description = {"Once open, stop our pings and measure how long the server "
            + "keeps the connection (default limit 5m); server pings are still answered unless --pong off.",
            "Without --duration the capture ends with the probe."})
    Optional<Duration> idleProbe;

    @Option(names = "--ping-storm", paramLabel = "N@INTERVAL", converter = PingStorms.class,
            description = {"Once open, send N pings INTERVAL apart (e.g. 100@10ms) and report their round trips.",
                    "Without --duration the capture ends when every pong has come or been missed."})
    Optional<PingStorms.Storm> pingStorm;

    @ArgGroup(exclusive = true)
    Until until = new Until();

    static final class Until {
        @Option(names = "--duration", paramLabel = "D", converter = Durations.class,
                description = "Close (1000) this long after the connection opens, e.g. 10s.")
        Optional<Duration> duration = Optional.empty();

        @Option(names = "--until-close", description = "Run until the connection closes (the default; Ctrl-C ends it).")
        boolean untilClose;
    }

    @Option(names = "--observe", description = {"Observe mode: server violations are recorded but never end the "
            + "connection; it stays open until the server or TCP closes it, --duration ends it or Ctrl-C.",
            "Without it, Strict mode: the first server violation fails the connection, as RFC 6455 asks of a client.",
            "The session file keeps the mode."})
    boolean observe;

    @Option(names = "--insecure", description = "Do not verify the TLS certificate or host name (this connection only).")
    boolean insecure;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "Also trust the CA certificates in this file.")
    Optional<Path> caFile;

    @Option(names = "--out", paramLabel = "FILE", description = "Session file to write (default: capture-<time>.fscap).")
    Optional<Path> out;

    @Option(names = "--keep-secrets", description = "Keep Authorization, cookies and query tokens in the session file.")
    boolean keepSecrets;

    @Mixin
    AuthOptions auth = new AuthOptions();

    @Option(names = "--json", description = "Print session-file JSON lines instead of the table.")
    boolean json;

    private List<String> resolvedSends = List.of();
    private ConnectionTemplate template = ConnectionTemplate.of("ws://unset/");
    private Environment environment = Environment.empty("command line");
    private Secrets secrets = Secrets.NONE;

    private final CtrlC ctrlC = new CtrlC();
    /** Whether the connection was seen OPEN (our messages and lab actions start then). */
    private boolean opened;
    /** Whether the server's 101 is in the capture (the connection may have closed again between two polls). */
    private boolean upgraded;

    @Override
    public Integer call() throws Exception {
        // The engine first: the built-in demo measures its idle timeout on the engine's clock.
        try (Engine engine = main.engines().create(new EngineSettings(main.options().libraryReadsEveryFrame()))) {
            return capture(engine);
        }
    }

    private int capture(Engine engine) throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Optional<DemoServer> demo = Optional.empty();
        ConnectionSpec connection;
        try {
            environment = auth.environment();
            if (url.startsWith("demo:")) {
                demo = Optional.of(new DemoServer(0, engine.clock()).startAndWait());
                url = demo.get().uri("").toString() + url.substring("demo:".length());
            }
            connection = connectionSpec();
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            return CliErrors.badArguments(spec, InputFiles.problem(e));
        }
        Path file = out.orElseGet(() -> Path.of("capture-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".fscap"));
        ctrlC.arm();
        try (CaptureLog log = new CaptureLog(1, connection.uri().toString(), new PayloadStore(budget()),
                engine.clock());
             SessionOutput writer = SessionFiles.create(file, keepSecrets)) {
            ConnectionOptions options = ConnectionOptions.of(connection);
            log.learn(secrets.plus(options.secrets()));
            log.setSetup(new ConnectionSetup(template, options, Optional.of(environment)));
            Connection c = engine.open(connection, log);
            run(c, engine.clock(), log, writer, stdout);
            if (!json) {
                stdout.println();
                ModeLine.with(log, EventText.summary(log)).forEach(stdout::println);
                stdout.println("  session:     " + file + " (" + writer.events() + " events)");
            }
            stdout.flush();
            if (c.failure().isPresent() && c.state() == ConnectionState.FAILED) {
                return 1;
            }
            if (!upgraded) {
                // Ended (by --duration or Ctrl-C) before the server's 101: not a capture of a WebSocket.
                stderr.println("capture: the connection did not open before the capture ended"
                        + c.failure().map(f -> " (" + f + ")").orElse(""));
                return 1;
            }
            return 0;
        } finally {
            ctrlC.finished();
            for (DemoServer d : demo.stream().toList()) {
                d.close();
            }
        }
    }

    /** Polls the log until the end; the duration and the close wait are measured on the engine's {@code clock}. */
    private void run(Connection c, LongSupplier clock, CaptureLog log, SessionOutput writer, PrintWriter stdout)
            throws IOException {
        // Counted from the open, not from the start: a slow handshake (a cold JVM takes most of a second) must not
        // use up the capture, nor have us cancel the upgrade. Until the open, the upgrade gets its own timeouts on
        // top of the duration, so a server that never answers still ends the capture.
        long upgradeBudget = c.spec().connectTimeout().plus(c.spec().handshakeTimeout()).toNanos();
        long deadline = until.duration.map(d -> clock.getAsLong() + upgradeBudget + d.toNanos())
                .orElse(Long.MAX_VALUE);
        long closeDeadline = Long.MAX_VALUE;
        CompletableFuture<?> lab = CompletableFuture.completedFuture(null);
        int index = 0;
        while (true) {
            List<CaptureEvent> batch = log.readFrom(index, 10_000);
            if (!batch.isEmpty()) {
                print(log, batch, stdout);
                writer.write(log, batch);
                index += batch.size();
                continue;
            }
            if (c.ended() || clock.getAsLong() >= closeDeadline) {
                break;
            }
            if (!opened && c.state() == ConnectionState.OPEN) {
                opened = true;
                deadline = until.duration.map(d -> clock.getAsLong() + d.toNanos()).orElse(Long.MAX_VALUE);
                sendAll(c);
                lab = startLab(c);
            }
            boolean labDone = opened && lab.isDone() && (pingStorm.isPresent() || idleProbe.isPresent())
                    && until.duration.isEmpty() && !until.untilClose;
            if ((clock.getAsLong() >= deadline || ctrlC.pressed() || labDone) && closeDeadline == Long.MAX_VALUE
                    && !c.ended()) {
                c.close(1000, "capture finished");
                closeDeadline = clock.getAsLong() + TimeUnit.SECONDS.toNanos(3);
            }
            stdout.flush();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        List<CaptureEvent> rest = log.readFrom(index, Integer.MAX_VALUE);
        print(log, rest, stdout);
        writer.write(log, rest);
        c.failure().filter(f -> c.state() == ConnectionState.FAILED)
                .ifPresent(f -> spec.commandLine().getErr().println("capture: " + f));
    }

    private void print(CaptureLog log, List<CaptureEvent> batch, PrintWriter stdout) {
        for (CaptureEvent e : batch) {
            upgraded |= e instanceof CaptureEvent.HandshakeEvent h && h.status() == 101;
            if (json) {
                stdout.println(SessionJson.toJson(log, e, keepSecrets));
            } else {
                EventText.line(log, e).ifPresent(stdout::println);
            }
        }
    }

    private void sendAll(Connection c) {
        try {
            resolvedSends.forEach(c::sendText);
            if (sendFile.isPresent()) {
                byte[] data = Files.readAllBytes(sendFile.get());
                if (Utf8Validator.isValid(data)) {
                    c.sendText(new String(data, StandardCharsets.UTF_8));
                } else {
                    c.sendBinary(data);
                }
            }
        } catch (IOException | IllegalStateException e) {
            spec.commandLine().getErr().println("capture: cannot send: " + e.getMessage());
        }
    }

    /** The storm first (its pings would break the idleness), then the probe; completes when both are done. */
    private CompletableFuture<?> startLab(Connection c) {
        CompletableFuture<?> storm = pingStorm.<CompletableFuture<?>>map(p -> c.pingStorm(p.count(), p.interval()))
                .orElse(CompletableFuture.completedFuture(null));
        if (idleProbe.isEmpty()) {
            return storm;
        }
        return storm.thenCompose(x -> c.state() == ConnectionState.OPEN ? c.probeIdle(idleProbe.get())
                : CompletableFuture.completedFuture(null));
    }

    /** Resolves the URL, headers, auth helper and messages before connecting: an undefined variable stops here. */
    private ConnectionSpec connectionSpec() {
        Variables vars = environment.asVariables();
        template = new ConnectionTemplate(url, headers.stream().map(ConnectionSpec.Header::parse).toList(),
                auth.auth());
        ConnectionTemplate.Resolved resolved = template.resolve(vars);
        secrets = resolved.secrets();
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            messages.add(vars.resolve(sends.get(i), "--send #" + (i + 1)));
        }
        resolvedSends = List.copyOf(messages);
        ConnectionSpec s = ConnectionSpec.to(resolved.uri()).withSubprotocols(subprotocols)
                .withExtensionOffers(offers).withHeaders(resolved.headers());
        if (insecure) {
            s = s.withTls(TlsOptions.INSECURE);
        } else if (caFile.isPresent()) {
            s = s.withTls(TlsOptions.trusting(caFile.get()));
        }
        HeartbeatPolicy heartbeat = pingInterval.map(HeartbeatPolicy::every).orElse(HeartbeatPolicy.OFF);
        return s.withHeartbeat(heartbeat.withPong(pong))
                .withMode(observe ? ProtocolMode.OBSERVE : ProtocolMode.STRICT);
    }


    /** The memory budget from the options parsed at start ({@code --memory-budget}), else this JVM's default. */
    MemoryBudget budget() {
        return MemoryBudget.forThisJvm(main.options().memoryBudget());
    }
}
