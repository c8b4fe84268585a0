package dev.framescope.ui.live;

import dev.framescope.ui.fx.Plural;
import dev.framescope.capture.CaptureLog;
import dev.framescope.engine.TlsOptions;
import dev.framescope.engine.UpstreamTls;
import dev.framescope.proxy.Breakpoints;
import dev.framescope.proxy.ChromiumLauncher;
import dev.framescope.proxy.Interception;
import dev.framescope.proxy.ListenAddress;
import dev.framescope.proxy.LocalCa;
import dev.framescope.proxy.ProxyListener;
import dev.framescope.proxy.ProxyOptions;
import dev.framescope.proxy.ProxyServer;
import dev.framescope.proxy.UpstreamAllowList;
import dev.framescope.ui.fx.Background;
import dev.framescope.ui.fx.UiDispatcher;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Intercept panel's state: what the user set (listen address, forward or reverse, where the proxy may connect)
 * and the running proxy. Starting and stopping bind and close sockets and may create the local CA, so they run on
 * the background executor; every result comes back on the UI thread. A WebSocket the proxy records joins the
 * session's connections there, named "via proxy", and every view works on it as on our own.
 */
final class InterceptModel {

    private final SessionModel session;
    private final Background background;
    private final Path caDir;
    private final UiDispatcher ui;
    final StringProperty listen = new SimpleStringProperty("127.0.0.1:8080");
    final BooleanProperty reverseMode = new SimpleBooleanProperty(false);
    final StringProperty reverseUrl = new SimpleStringProperty("ws://127.0.0.1:9000");
    final StringProperty upstreamAllow = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Not running.");
    private final ReadOnlyStringWrapper instructions = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lastNotice = new ReadOnlyStringWrapper("");
    final StringProperty chromiumUrl = new SimpleStringProperty("");
    /** More arguments for the Chromium the panel opens (tests: headless, no sandbox as root). */
    final java.util.List<String> chromiumArgs = new java.util.ArrayList<>();
    private Optional<ProxyServer> proxy = Optional.empty();
    /** Gates every WebSocket (rules and injections may come at any moment); kept across restarts. */
    private final BreakpointModel breakpoints;
    private final java.util.List<ChromiumLauncher> browsers = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** @param caDir where the local CA lives (created on first start) */
    InterceptModel(SessionModel session, Background background, Path caDir) {
        this.session = session;
        this.background = background;
        this.caDir = caDir;
        this.ui = background.ui();
        this.breakpoints = new BreakpointModel(new Breakpoints(java.util.List.of(), Breakpoints.DEFAULT_HOLD_TIMEOUT,
                session.engine().scheduler(), true), background);
    }

    BreakpointModel breakpoints() {
        return breakpoints;
    }

    /** Starts the proxy with the current settings; a problem is shown in {@link #status()}. UI thread. */
    void start() {
        if (running.get() || busy.get()) {
            return;
        }
        busy.set(true);
        status.set("Starting…");
        String listenText = listen.get().trim();
        Optional<String> reverse = reverseMode.get() ? Optional.of(reverseUrl.get().trim()) : Optional.empty();
        String allow = upstreamAllow.get().trim();
        background.submit(() -> open(listenText, reverse, allow), new Background.Outcome<ProxyServer>() {
            @Override
            public void succeeded(ProxyServer server) {
                busy.set(false);
                proxy = Optional.of(server);
                describe(server);
                running.set(true);
            }

            @Override
            public void failed(Exception problem) {
                busy.set(false);
                status.set("Could not start: " + words(problem));
            }
        });
    }

    /**
     * Opens Chromium on the URL through the running proxy: a throw-away profile that accepts the local CA, so the
     * system's trust store is never touched. It is stopped with the proxy. UI thread.
     */
    void launchChromium() {
        if (proxy.isEmpty()) {
            return;
        }
        ProxyServer server = proxy.get();
        String url = chromiumUrl.get().trim().isEmpty() ? "about:blank" : chromiumUrl.get().trim();
        java.util.List<String> args = java.util.List.copyOf(chromiumArgs);
        background.submit(() -> ChromiumLauncher.launch(url, server.address().getPort(),
                server.options().ca().orElseThrow().spkiSha256(), args), new Background.Outcome<ChromiumLauncher>() {
                    @Override
                    public void succeeded(ChromiumLauncher browser) {
                        browsers.add(browser);
                        lastNotice.set("Chromium opened on " + url + " through the proxy (a throw-away profile).");
                    }

                    @Override
                    public void failed(Exception problem) {
                        lastNotice.set("Could not open Chromium: " + words(problem));
                    }
                });
    }

    /** Stops the proxy: open connections end, their captures stay. UI thread. */
    void stop() {
        if (proxy.isEmpty()) {
            return;
        }
        ProxyServer server = proxy.get();
        proxy = Optional.empty();
        java.util.List<ChromiumLauncher> opened = java.util.List.copyOf(browsers);
        browsers.clear();
        busy.set(true);
        background.submit(() -> {
            opened.forEach(ChromiumLauncher::close);
            server.close();
            return server.counts();
        }, new Background.Outcome<ProxyServer.Counts>() {
            @Override
            public void succeeded(ProxyServer.Counts c) {
                busy.set(false);
                status.set("Stopped. " + counts(c));
                instructions.set("");
                running.set(false);
            }

            @Override
            public void failed(Exception problem) {
                busy.set(false);
                running.set(false);
                status.set("Stopped: " + words(problem));
            }
        });
    }

    /** Background thread: parses what may need a lookup, creates the CA on first use, binds. */
    private ProxyServer open(String listenText, Optional<String> reverse, String allow) throws Exception {
        ProxyOptions options = ProxyOptions.forward(ListenAddress.parse(listenText, false, "the listen address"),
                allow.isEmpty() ? UpstreamAllowList.ANY : UpstreamAllowList.parse(allow),
                UpstreamTls.context(TlsOptions.VERIFY)).withCa(LocalCa.loadOrCreate(caDir))
                .withBreakpoints(breakpoints.breakpoints());
        if (reverse.isPresent()) {
            URI u = URI.create(reverse.get());
            if (u.getHost() == null || !(u.getScheme().equals("ws") || u.getScheme().equals("wss"))) {
                throw new IllegalArgumentException("reverse mode needs ws://HOST:PORT or wss://HOST:PORT, not '"
                        + reverse.get() + "'");
            }
            options = options.withReverse(u);
        }
        return new ProxyServer(options, new Listener(), session.clock(), session.budget(), session::nextId);
    }

    private void describe(ProxyServer server) {
        String at = server.address().getAddress().getHostAddress() + ":" + server.address().getPort();
        status.set("Listening on " + at + " (" + server.options().modeText() + ").");
        Path cert = caDir.resolve(LocalCa.CERT_FILE);
        if (server.options().reverse().isPresent()) {
            instructions.set("Point the app at ws://" + at + "/… instead of " + server.options().reverse().get()
                    + ". Paths and headers go to the server as the app sent them.");
            return;
        }
        instructions.set("Point the app at http://" + at + " as its HTTP and HTTPS proxy:\n"
                + "  environment: HTTP_PROXY=http://" + at + " HTTPS_PROXY=http://" + at + "\n"
                + "  Chromium: chromium --proxy-server=http://" + at + " --proxy-bypass-list='<-loopback>' "
                + "--user-data-dir=$(mktemp -d)\n"
                + "  Java: -Dhttp.proxyHost=" + server.address().getAddress().getHostAddress() + " -Dhttp.proxyPort="
                + server.address().getPort() + " (and https.proxyHost/Port)\n"
                + "For wss://, the app must trust the local CA: " + cert + "\n"
                + "(framescope proxy --ca-export FILE writes it as PEM or DER; see docs/proxy.md.)");
    }

    private static String counts(ProxyServer.Counts c) {
        return Plural.of(c.intercepted(), "WebSocket") + " recorded, " + c.passedThrough() + " passed through, " + c.refused()
                + " refused, " + c.failed() + " failed.";
    }

    private static String words(Throwable problem) {
        return problem.getMessage() == null ? "an unexpected problem" : problem.getMessage();
    }

    /**
     * The composer's way into the relayed WebSocket labelled {@code label}: its gates, found when used (the proxy
     * makes them just after it tells of the capture), by the label the capture and its gates share.
     */
    private ProxyInjector injectorFor(String label) {
        Breakpoints gates = breakpoints.breakpoints();
        Supplier<Interception> open = () -> gates.connections().stream().filter(i -> i.label().equals(label))
                .findFirst().orElseThrow(() -> new IllegalStateException("the connection has ended: nothing was "
                        + "sent"));
        return new ProxyInjector() {
            @Override
            public boolean inject(Sender as, Opcode op, byte[] payload) {
                return open.get().inject(as, op, payload);
            }

            @Override
            public void close(int code, String reason) {
                open.get().close(code, reason);
            }
        };
    }

    /** On the proxy's threads: each recorded WebSocket and notice goes to the UI thread. */
    private final class Listener implements ProxyListener {
        @Override
        public void intercepted(CaptureLog log) {
            ProxyInjector injector = injectorFor(log.label());
            ui.execute(() -> session.addProxied("via proxy · " + log.label(), log, injector));
        }

        @Override
        public void notice(String text) {
            ui.execute(() -> lastNotice.set(text));
        }
    }

    ReadOnlyBooleanProperty running() {
        return running.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty busy() {
        return busy.getReadOnlyProperty();
    }

    ReadOnlyStringProperty status() {
        return status.getReadOnlyProperty();
    }

    ReadOnlyStringProperty instructions() {
        return instructions.getReadOnlyProperty();
    }

    ReadOnlyStringProperty lastNotice() {
        return lastNotice.getReadOnlyProperty();
    }

    /** The proxy's address while running, for tests and the status line. */
    Optional<java.net.InetSocketAddress> address() {
        return proxy.map(ProxyServer::address);
    }

    /** Stops the proxy without waiting (the window is closing). */
    void close() {
        java.util.List<ChromiumLauncher> opened = java.util.List.copyOf(browsers);
        browsers.clear();
        proxy.ifPresent(p -> background.executor().execute(() -> {
            opened.forEach(ChromiumLauncher::close);
            p.close();
        }));
        proxy = Optional.empty();
    }
}
