package dev.framescope.cli;

import dev.framescope.capture.MemoryBudget;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionOutput;
import dev.framescope.engine.Engine;
import dev.framescope.engine.EngineSettings;
import dev.framescope.engine.TlsOptions;
import dev.framescope.engine.UpstreamTls;
import dev.framescope.proxy.BreakRule;
import dev.framescope.proxy.Breakpoints;
import dev.framescope.proxy.ChromiumLauncher;
import dev.framescope.proxy.ListenAddress;
import dev.framescope.proxy.LocalCa;
import dev.framescope.proxy.ProxyOptions;
import dev.framescope.proxy.ProxyServer;
import dev.framescope.proxy.UpstreamAllowList;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code framescope proxy}: an intercepting proxy that records the WebSockets of other apps, frame-exact. */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = {"Run an intercepting proxy and record every WebSocket that goes through it, both directions "
                + "exactly as they crossed (the app's masks, fragments, compression), into a session file.",
                "Forward mode (default): point the app's HTTP(S)_PROXY or proxy setting at the listen address. "
                        + "Reverse mode (--reverse): the app connects to the listen address as if it were the server.",
                "Other requests are passed through untouched and counted, not recorded."})
final class ProxyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
            description = "Where apps connect (default 127.0.0.1:8080; port 0 picks one); loopback only unless "
                    + "--allow-remote.")
    String listen;

    @Option(names = "--allow-remote", description = "Allow a --listen address other machines can reach (a warning is "
            + "printed: anyone there could use the proxy).")
    boolean allowRemote;

    @Option(names = "--reverse", paramLabel = "URL", description = "Reverse mode: relay every connection to this "
            + "ws://HOST:PORT or wss://HOST:PORT server.")
    Optional<URI> reverse;

    @Option(names = "--upstream-allow", paramLabel = "CIDR,…", description = {"Connect only to these address ranges "
            + "and host names (e.g. 127.0.0.0/8,::1); anything else gets a 403 naming the rule, before any DNS "
            + "lookup or dial.", "Default: any upstream."})
    Optional<String> upstreamAllow;

    @Option(names = "--out", paramLabel = "SESSION", description = "Session file to write (default: "
            + "proxy-<time>.fscap).")
    Optional<Path> out;

    @Option(names = "--duration", paramLabel = "D", converter = Durations.class,
            description = "Stop after this long, e.g. 30s (default: until Ctrl-C).")
    Optional<Duration> duration;

    @Option(names = "--connections", paramLabel = "N", description = "Stop once N recorded WebSockets have closed.")
    Optional<Integer> connections;

    @Option(names = "--insecure-upstream", description = "Do not verify servers' TLS certificates (noted on every "
            + "connection it affects).")
    boolean insecureUpstream;

    @Option(names = "--upstream-ca", paramLabel = "PEM", description = "Also trust these CA certificates for servers.")
    Optional<Path> upstreamCa;

    @Option(names = "--ca-dir", paramLabel = "DIR", description = "Where the local CA lives (created on first use; "
            + "default: the config directory's ca/).")
    Optional<Path> caDir;

    @Option(names = "--ca-export", paramLabel = "FILE", description = "Write the local CA certificate (PEM, or DER "
            + "for a .der/.cer name), print how to trust it, and exit.")
    Optional<Path> caExport;

    @Option(names = "--launch-chromium", paramLabel = "URL", description = "Start Chromium on URL through the "
            + "proxy, with a throw-away profile that accepts the local CA (the system's trust store is not touched); "
            + "stopped with the proxy.")
    Optional<String> launchChromium;

    @Option(names = "--chromium-arg", paramLabel = "ARG", description = "One more argument for --launch-chromium "
            + "(repeatable), e.g. --headless=new, --no-sandbox.")
    List<String> chromiumArgs = new ArrayList<>();

    @Option(names = "--break", paramLabel = "RULE", description = {"Hold the messages this rule matches (repeatable), "
            + "written", "DIRECTION:URL-GLOB:KIND[:/REGEX/[i]]", "for example", "'in:/ws/chat:text:/\"type\":\"order\"/'",
            "DIRECTION: out (app to server), in (server to app) or any. URL-GLOB: the path (and query) when it starts "
                    + "with /, else the whole ws:// URL; * any run of characters, ? one; * or empty: every "
                    + "connection. KIND: text, binary, data, ping, pong, close, control or any (control frames are "
                    + "held only by a rule that names them). REGEX: a Java regular expression searched for in the "
                    + "message, inflated (text as UTF-8, binary as ISO-8859-1); a trailing i ignores case.",
            "Without a window nobody can release a hold: each one goes on unchanged after --hold-timeout, and later "
                    + "frames that way wait behind it."})
    List<String> breaks = new ArrayList<>();

    @Option(names = "--hold-timeout", paramLabel = "D", converter = Durations.class,
            description = "How long a message stays held before it goes on unchanged (default 30s).")
    Optional<Duration> holdTimeout;

    @Option(names = "--keep-secrets", description = "Keep Authorization, cookies and query tokens in the session file.")
    boolean keepSecrets;

    private final CtrlC ctrlC = new CtrlC();

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        LocalCa ca;
        try {
            ca = LocalCa.loadOrCreate(caDir.orElseGet(() -> ConfigPaths.of(main.options()).resolve("ca")));
        } catch (IOException | GeneralSecurityException e) {
            return CliErrors.badArguments(spec, "cannot open or create the local CA: " + e.getMessage());
        }
        if (caExport.isPresent()) {
            return export(ca, caExport.get(), stdout);
        }
        ProxyOptions options;
        List<BreakRule> rules = new ArrayList<>();
        try {
            for (String rule : breaks) {
                rules.add(BreakRule.parse(rule));
            }
        } catch (IllegalArgumentException e) {
            return CliErrors.badArguments(spec, "--break: " + e.getMessage());
        }
        try {
            options = options(ca, stderr);
        } catch (IllegalArgumentException e) {
            return CliErrors.badArguments(spec, e.getMessage());
        } catch (IOException | GeneralSecurityException e) {
            return CliErrors.badArguments(spec, "cannot set up TLS toward servers: " + e.getMessage());
        }
        Path file = out.orElseGet(() -> Path.of("proxy-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".fscap"));
        ctrlC.arm();
        try (Engine engine = main.engines().create(EngineSettings.DEFAULTS);
             SessionOutput writer = SessionFiles.create(file, keepSecrets)) {
            ProxyLoop loop = new ProxyLoop(stdout, writer);
            Breakpoints breakpoints = new Breakpoints(rules, holdTimeout.orElse(Breakpoints.DEFAULT_HOLD_TIMEOUT),
                    engine.scheduler(), false);
            breakpoints.listen(new HoldPrinter(stdout));
            options = options.withBreakpoints(breakpoints);
            ProxyServer proxy;
            try {
                proxy = new ProxyServer(options, loop, engine.clock(), MemoryBudget.forThisJvm(
                        main.options().memoryBudget()), new AtomicLong(1)::getAndIncrement);
            } catch (IOException e) {
                return CliErrors.badArguments(spec, "cannot listen on " + listen + ": " + e.getMessage());
            }
            Optional<ChromiumLauncher> chromium = Optional.empty();
            try (proxy) {
                announce(proxy, ca, stdout);
                if (launchChromium.isPresent()) {
                    try {
                        chromium = Optional.of(ChromiumLauncher.launch(launchChromium.get(),
                                proxy.address().getPort(), ca.spkiSha256(), chromiumArgs));
                        stdout.println("  Chromium:    started on " + launchChromium.get()
                                + " (a throw-away profile that trusts the local CA)");
                    } catch (IOException e) {
                        stderr.println("proxy: cannot launch Chromium: " + e.getMessage());
                        return 1;
                    }
                }
                long end = duration.map(d -> engine.clock().getAsLong() + d.toNanos()).orElse(Long.MAX_VALUE);
                loop.run(() -> ctrlC.pressed() || engine.clock().getAsLong() >= end
                        || connections.isPresent() && loop.closedConnections() >= connections.get());
            } finally {
                chromium.ifPresent(ChromiumLauncher::close);
            }
            loop.drain();
            ProxyServer.Counts c = proxy.counts();
            stdout.println("proxy: " + c.intercepted() + " WebSocket connection(s) recorded, " + c.passedThrough()
                    + " passed through, " + c.refused() + " refused, " + c.failed() + " failed");
            stdout.println("  session:     " + file + " (" + writer.events() + " events)");
            stdout.flush();
            return 0;
        } finally {
            ctrlC.finished();
        }
    }

    private ProxyOptions options(LocalCa ca, PrintWriter stderr) throws IOException, GeneralSecurityException {
        InetSocketAddress address = ListenAddress.parse(listen, allowRemote, "--listen");
        if (!address.getAddress().isLoopbackAddress()) {
            stderr.println("proxy: warning: listening on " + listen + ", which other machines can reach: anyone there "
                    + "can send traffic through this proxy and read its CA-signed TLS");
        }
        UpstreamAllowList allow = upstreamAllow.map(UpstreamAllowList::parse).orElse(UpstreamAllowList.ANY);
        TlsOptions tls = insecureUpstream ? TlsOptions.INSECURE
                : upstreamCa.map(TlsOptions::trusting).orElse(TlsOptions.VERIFY);
        SSLContext context = UpstreamTls.context(tls);
        ProxyOptions options = ProxyOptions.forward(address, allow, context).withUpstreamTls(context, insecureUpstream)
                .withCa(ca);
        if (reverse.isPresent()) {
            URI u = reverse.get();
            String scheme = String.valueOf(u.getScheme());
            if (!(scheme.equals("ws") || scheme.equals("wss")) || u.getHost() == null) {
                throw new IllegalArgumentException("--reverse needs ws://HOST:PORT or wss://HOST:PORT, not '" + u
                        + "'");
            }
            options = options.withReverse(u);
        }
        return options;
    }

    private void announce(ProxyServer proxy, LocalCa ca, PrintWriter stdout) {
        ProxyOptions o = proxy.options();
        String at = proxy.address().getAddress().getHostAddress() + ":" + proxy.address().getPort();
        stdout.println("proxy listening on " + at + " (" + o.modeText() + ")");
        if (o.reverse().isPresent()) {
            stdout.println("  point the app at ws://" + at + "/… instead of " + o.reverse().get());
        } else {
            stdout.println("  point the app at it: HTTP_PROXY=http://" + at + " HTTPS_PROXY=http://" + at
                    + ", or its proxy setting");
        }
        stdout.println("  upstream:    " + (o.allow().admitsAny() ? "any" : "only " + o.allow().text())
                + (insecureUpstream ? "; TLS NOT verified (--insecure-upstream)" : "; TLS verified"));
        if (!o.breakpoints().rules().isEmpty()) {
            stdout.println("  breakpoints: " + o.breakpoints().rules() + "; a held message goes on unchanged after "
                    + o.breakpoints().holdTimeout().toSeconds() + " s (no window here to release it)");
        }
        stdout.println("  TLS:         intercepted with " + ca.directory().resolve(LocalCa.CERT_FILE)
                + " (framescope proxy --ca-export FILE to trust it)");
        stdout.flush();
    }

    private int export(LocalCa ca, Path file, PrintWriter stdout) {
        try {
            ca.export(file);
            stdout.println("wrote " + file + " (" + LocalCa.NAME + ")");
            stdout.println("  SPKI SHA-256: " + ca.spkiSha256());
            stdout.println("  Chromium:  --ignore-certificate-errors-spki-list=" + ca.spkiSha256()
                    + "  (or import it under Settings > Privacy and security > Manage certificates)");
            stdout.println("  Node:      NODE_EXTRA_CA_CERTS=" + file);
            stdout.println("  Java:      keytool -importcert -alias framescope -file " + file
                    + " -keystore proxy-trust.p12, then -Djavax.net.ssl.trustStore=proxy-trust.p12");
            stdout.println("  curl:      --cacert " + file);
            stdout.println("  See docs/proxy.md for Firefox, Debian and macOS.");
            stdout.flush();
            return 0;
        } catch (IOException | GeneralSecurityException e) {
            return CliErrors.badArguments(spec, "cannot write " + file + ": " + e.getMessage());
        }
    }
}
