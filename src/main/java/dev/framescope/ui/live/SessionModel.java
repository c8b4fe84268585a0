package dev.framescope.ui.live;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.MemoryBudget;
import dev.framescope.capture.PayloadStore;
import dev.framescope.demo.DemoServer;
import dev.framescope.engine.Connection;
import dev.framescope.engine.ConnectionOptions;
import dev.framescope.engine.io.ConnectionSetup;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.ConnectionTemplate;
import dev.framescope.engine.Engine;
import dev.framescope.engine.EngineSettings;
import dev.framescope.engine.Environments;
import dev.framescope.engine.Variables;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The connections of this window's session; FX thread only. Engines run on their own threads. */
public final class SessionModel implements AutoCloseable {

    /** How many removed live captures are kept aside to restore; each costs its index on the heap. */
    static final int RESTORABLE = 10;

    private final ObservableList<LiveConnection> connections = FXCollections.observableArrayList();
    private final ObservableList<LiveConnection> removed = FXCollections.observableArrayList();
    private final ObservableList<LiveConnection> removedView = FXCollections.unmodifiableObservableList(removed);
    private final AtomicLong ids = new AtomicLong();
    /** One budget for every connection of the window, so twenty connections cannot take twenty budgets. */
    private final MemoryBudget budget;
    /** How many events each log held when it was last saved; FX thread. */
    private final Map<CaptureLog, Integer> savedAt = new IdentityHashMap<>();
    /** The way into each WebSocket the window's proxy relays, on the FX thread; weak: a removed log goes. */
    private final Map<CaptureLog, ProxyInjector> injectors = new java.util.WeakHashMap<>();
    /** The timers of this session's connections; stopped once they have ended after {@link #close}. */
    private final Engine engine;
    private Optional<DemoServer> demo = Optional.empty();
    private final ObjectProperty<Environments> environments = new SimpleObjectProperty<>(Environments.NONE);
    private final ReadOnlyStringWrapper environmentsProblem = new ReadOnlyStringWrapper("");
    /** What else closes with the session (the intercepting proxy). */
    private final java.util.List<Runnable> closing = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** True while {@link #environmentsProblem} says a save failed (a later save that works clears it). */
    private boolean saveFailed;

    /** A session whose environments last as long as it does (tests, and windows that save nothing). */
    public SessionModel() {
        this(MemoryBudget.forThisJvm(OptionalLong.empty()), Engine.start(EngineSettings.DEFAULTS));
    }

    /**
     * @param budget what every connection of the window may hold on the heap, together
     * @param engine the timers of the session's connections — its own thread on the real clock in the application,
     *               a virtual clock in tests — with the settings from the application's options; the session
     *               closes it once its connections have ended
     */
    public SessionModel(MemoryBudget budget, Engine engine) {
        this.budget = budget;
        this.engine = engine;
    }

    /**
     * A session whose environments come from the store and go back to it whenever they change (the dialog's OK,
     * the chooser above the connections), never per keystroke.
     */
    SessionModel(EnvironmentStore store, MemoryBudget budget, Engine engine) {
        this(budget, engine);
        EnvironmentStore.Loaded loaded = store.load();
        environments.set(loaded.environments());
        loaded.problem().ifPresent(environmentsProblem::set);
        environments.addListener((o, was, now) -> save(store, now));
    }

    /** The window's session: environments saved in the configuration directory between runs. */
    public static SessionModel withSavedEnvironments(Path configDir, MemoryBudget budget, Engine engine) {
        return new SessionModel(EnvironmentStore.inConfigDir(configDir), budget, engine);
    }

    private void save(EnvironmentStore store, Environments envs) {
        try {
            store.save(envs);
            if (saveFailed) {
                saveFailed = false;
                environmentsProblem.set("");
            }
        } catch (IOException e) {
            saveFailed = true;
            // Cleared first, so the same failure again is shown again (a property only reports a change).
            environmentsProblem.set("");
            environmentsProblem.set("Environments not saved to " + store.file() + ": " + e.getMessage());
        }
    }

    public ObservableList<LiveConnection> connections() {
        return connections;
    }

    /** Starts the built-in demo endpoint (once) and returns the URL of a scenario path on it. */
    public String demoUrl(String path) throws InterruptedException {
        if (demo.isEmpty()) {
            demo = Optional.of(new DemoServer(0, engine.clock()).startAndWait());
        }
        return demo.get().uri(path).toString();
    }

    /**
     * A log for a capture the window makes itself (a replay, a mock's client): the next id, the session's memory
     * budget and the engine's clock. Unlike the rest of the model, callable from any thread (a replay's and a mock's
     * threads make theirs); the log joins the list through {@link #add}, on the FX thread.
     */
    CaptureLog newLog(String label) {
        return newLog(label, engine.clock());
    }

    /** The same, stamped on {@code clock} (a mock's server threads stamp with {@link System#nanoTime}). */
    CaptureLog newLog(String label, LongSupplier clock) {
        return new CaptureLog(ids.incrementAndGet(), label, new PayloadStore(budget), clock);
    }

    /** The engine the session's connections run on: a replay opens its connection there, the Probe window its runs. */
    public Engine engine() {
        return engine;
    }

    /** Opens a connection made from a plain spec; the log keeps the whole spec for the session file. */
    public LiveConnection open(String name, ConnectionSpec spec) {
        CaptureLog log = new CaptureLog(ids.incrementAndGet(), spec.uri().toString(), new PayloadStore(budget),
                engine.clock());
        ConnectionSetup setup = ConnectionSetup.of(spec);
        log.learn(setup.options().secrets());
        log.setSetup(setup);
        LiveConnection live = new LiveConnection(name, Optional.of(engine.open(spec, log)), log);
        connections.add(live);
        return live;
    }

    /**
     * Opens a connection made from a template: the log learns what exports must hide (the auth helper's header and
     * query names, credentials, the key store's password and the environment's secret values) and keeps the
     * template, the spec's other options and the environment for the session file, secret values left out there
     * unless kept.
     */
    public LiveConnection open(String name, ConnectionTemplate template, ConnectionSpec spec, Environments envs) {
        CaptureLog log = new CaptureLog(ids.incrementAndGet(), spec.uri().toString(), new PayloadStore(budget),
                engine.clock());
        Variables vars = envs.variables();
        ConnectionOptions options = ConnectionOptions.of(spec);
        log.learn(template.resolve(vars).secrets().plus(options.secrets()));
        log.setSetup(new ConnectionSetup(template, options, envs.activeEnvironment()));
        LiveConnection live = new LiveConnection(name, Optional.of(engine.open(spec, log)), log, template);
        connections.add(live);
        return live;
    }

    /** The environments of this session; connections and the composer resolve against the active one. */
    public ObjectProperty<Environments> environments() {
        return environments;
    }

    /** Why the saved environments could not be loaded or saved, for the window to show; empty when all is well. */
    public ReadOnlyStringProperty environmentsProblem() {
        return environmentsProblem.getReadOnlyProperty();
    }

    /** A log loaded from a session file. */
    public LiveConnection add(String name, CaptureLog log) {
        LiveConnection loaded = new LiveConnection(name, Optional.empty(), log);
        connections.add(loaded);
        return loaded;
    }

    /** A WebSocket the window's proxy relays: listed like a loaded log, and the composer can send into it. */
    LiveConnection addProxied(String name, CaptureLog log, ProxyInjector injector) {
        injectors.put(log, injector);
        return add(name, log);
    }

    /** The way into {@code c} while the window's proxy relays it; empty for every other connection. */
    Optional<ProxyInjector> injector(LiveConnection c) {
        return Optional.ofNullable(injectors.get(c.log())).filter(i -> c.log().live());
    }

    /** The same connection under another name, in its place in the list (a file's load that stopped part-way). */
    LiveConnection rename(LiveConnection c, String name) {
        LiveConnection renamed = new LiveConnection(name, c.connection(), c.log(), c.template(), c.decoding());
        int at = connections.indexOf(c);
        if (at >= 0) {
            connections.set(at, renamed);
        }
        return renamed;
    }

    /**
     * Closes a connection and takes it off the list. Once it has ended its log gives its share of the memory budget
     * back; what it captured stays readable for a view still showing it. A live capture is set aside (its payloads
     * move to its spill file, on {@code io}) and {@link #restoreRemoved} brings it back until Framescope quits; the
     * oldest of more than {@link #RESTORABLE} is let go. A connection loaded from a file is simply forgotten: the
     * file still has it.
     */
    public void remove(LiveConnection c, Executor io) {
        connections.remove(c);
        c.connection().ifPresentOrElse(conn -> {
            conn.close();
            conn.whenEnded().thenRunAsync(c.log()::setAside, io);
            removed.add(c);
            if (removed.size() > RESTORABLE) {
                LiveConnection gone = removed.remove(0);
                gone.connection().orElseThrow().whenEnded().thenRunAsync(gone.log()::close, io);
            }
        }, c.log()::release);
    }

    /** Removed live captures that {@link #restoreRemoved} can bring back, oldest first. */
    public ObservableList<LiveConnection> removed() {
        return removedView;
    }

    /** The capture removed last back on the list, as it was when removed (ended, every frame readable). */
    public Optional<LiveConnection> restoreRemoved() {
        if (removed.isEmpty()) {
            return Optional.empty();
        }
        LiveConnection back = removed.remove(removed.size() - 1);
        connections.add(back);
        return Optional.of(back);
    }

    /** The log of {@code c} up to {@code events} is in a session file. */
    void savedUpTo(LiveConnection c, int events) {
        savedAt.merge(c.log(), events, Math::max);
    }

    /** Whether the log of {@code c} is in a session file up to {@code events} at least. */
    boolean savedThrough(LiveConnection c, int events) {
        return savedAt.getOrDefault(c.log(), -1) >= events;
    }

    /**
     * The connections whose captured frames quitting would lose: live ones with frames not yet in a session file (a
     * connection loaded from a file is in one).
     */
    public List<LiveConnection> unsaved() {
        return connections.stream().filter(c -> {
            var k = c.log().counters();
            return c.connection().isPresent() && k.framesIn() + k.framesOut() > 0
                    && savedAt.getOrDefault(c.log(), -1) < c.log().size();
        }).toList();
    }

    /** Frames the built-in demo endpoint has sent so far (0 when it is not running). */
    public long demoFramesSent() {
        return demo.map(DemoServer::framesSent).orElse(0L);
    }

    /** What the captures of this window hold on the heap, against their shared limit. */
    public MemoryBudget budget() {
        return budget;
    }

    /** Runs {@code action} when the session closes. */
    public void onClose(Runnable action) {
        closing.add(action);
    }

    /** A fresh connection id for a log made outside the session (the intercepting proxy's). */
    public long nextId() {
        return ids.incrementAndGet();
    }

    /** The clock of this session's connections. */
    public java.util.function.LongSupplier clock() {
        return engine.clock();
    }

    /**
     * Closes every connection, then — once they have ended, off the FX thread — stops the timers and the demo
     * endpoint: the close handshakes still need the timers (a server that never answers is dropped after a
     * timeout), and stopping the demo while its clients close raced with them in Java-WebSocket's server.
     */
    @Override
    public void close() {
        closing.forEach(Runnable::run);
        connections.forEach(c -> c.connection().ifPresent(conn -> conn.close(1001, "Framescope closing")));
        Optional<DemoServer> endpoint = demo;
        CompletableFuture.allOf(connections.stream().flatMap(c -> c.connection().stream())
                        .map(Connection::whenEnded).toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, 10, TimeUnit.SECONDS).thenRunAsync(() -> {
                    engine.close();
                    endpoint.ifPresent(SessionModel::stop);
                });
    }

    private static void stop(DemoServer endpoint) {
        try {
            endpoint.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
