package dev.framescope.probe;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.PayloadStore;
import dev.framescope.engine.Connection;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.Engine;
import dev.framescope.engine.HeartbeatPolicy;
import dev.framescope.engine.ProtocolMode;
import dev.framescope.engine.ReconnectPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The conformance probe: grades a server the way Autobahn TestSuite's fuzzing client does, case by case, each on a
 * connection of its own, {@link ProbeSettings#parallel()} at once. The server must echo every message back, as
 * Autobahn assumes; {@link #checkEcho} says whether it does before a run. Each run has its own threads, ended when
 * it ends; nothing is static.
 */
public final class Probe {

    /** Told of each case as it starts and ends, on the case's thread. */
    public interface Listener {
        default void started(ProbeCase c) {
        }

        void finished(CaseResult result);
    }

    /** Whether the server echoes: the run's precondition. */
    public record EchoCheck(boolean echoes, String detail) {
    }

    /**
     * A run under way: its results in catalogue order once done; {@link #cancel} stops the running cases at their
     * next wait and skips the rest (the results then hold the cases that ran).
     */
    public static final class Running {
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final CompletableFuture<List<CaseResult>> done = new CompletableFuture<>();

        public void cancel() {
            cancelled.set(true);
        }

        public boolean cancelled() {
            return cancelled.get();
        }

        public CompletableFuture<List<CaseResult>> done() {
            return done;
        }
    }

    static final String ECHO_TEXT = "framescope probe: echo check";

    private final Engine engine;
    private final ConnectionSpec target;
    private final ProbeSettings settings;
    private final AtomicInteger logIds = new AtomicInteger();

    public Probe(Engine engine, ConnectionSpec target, ProbeSettings settings) {
        this.engine = engine;
        this.target = target;
        this.settings = settings;
    }

    public ProbeSettings settings() {
        return settings;
    }

    /** Sends one text message and waits for it to come back (up to twice the timeout, at least 2 s). */
    public EchoCheck checkEcho() throws InterruptedException {
        ConnectionSpec spec = target.withMode(ProtocolMode.OBSERVE).withHeartbeat(HeartbeatPolicy.OFF)
                .withReconnect(ReconnectPolicy.OFF).withTimeouts(target.connectTimeout(), settings.handshakeTimeout());
        try (CaptureLog log = new CaptureLog(0, "echo check", new PayloadStore(1L << 20), engine.clock())) {
            Connection c = engine.open(spec, log);
            if (!c.awaitOpen(settings.handshakeTimeout().plusSeconds(1))) {
                c.crafted().abort("the upgrade did not complete");
                return new EchoCheck(false, "could not connect: " + c.failure().orElse("the upgrade did not complete"));
            }
            Watch watch = new Watch(log, false);
            try {
                c.sendText(ECHO_TEXT);
            } catch (IllegalStateException closed) {
                // The server closed at once; the wait below ends with the connection.
            }
            long wait = Math.max(Duration.ofSeconds(2).toNanos(), 2 * settings.second().toNanos());
            long deadline = engine.clock().getAsLong() + wait;
            while (watch.receivedCount() == 0 && !c.ended() && engine.clock().getAsLong() - deadline < 0) {
                LockSupport.parkNanos(1_000_000L);
                watch.drain();
            }
            watch.drain();
            c.crafted().abort("echo check done");
            c.awaitEnded(Duration.ofSeconds(5));
            if (watch.received().contains(Received.text(ECHO_TEXT))) {
                return new EchoCheck(true, "the server echoed our text message");
            }
            String got = !watch.received().isEmpty()
                    ? "got " + watch.received().get(0).describe() + " back, not the same text"
                    : c.ended() ? "the server closed the connection before anything came back"
                    : "got nothing back within " + wait / 1_000_000L + " ms";
            return new EchoCheck(false, "sent a " + ECHO_TEXT.length() + "-byte text message and " + got);
        }
    }

    /** Starts running {@code cases}; returns at once. */
    public Running start(List<Catalogue.Entry> cases, Listener listener) {
        Running running = new Running();
        Thread t = new Thread(() -> runAll(cases, listener, running), "framescope-probe");
        t.setDaemon(true);
        t.start();
        return running;
    }

    /** Runs {@code cases} and returns their results in order. */
    public List<CaseResult> run(List<Catalogue.Entry> cases, Listener listener) {
        return start(cases, listener).done().join();
    }

    private void runAll(List<Catalogue.Entry> cases, Listener listener, Running running) {
        ExecutorService pool = Executors.newFixedThreadPool(settings.parallel(), r -> {
            Thread t = new Thread(r, "framescope-probe-case");
            t.setDaemon(true);
            return t;
        });
        try {
            CaseRunner runner = new CaseRunner(engine, target, settings, running::cancelled);
            List<Future<CaseResult>> futures = new ArrayList<>();
            for (Catalogue.Entry e : cases) {
                futures.add(pool.submit(() -> {
                    if (running.cancelled()) {
                        return null;
                    }
                    ProbeCase c = e.build().get();
                    listener.started(c);
                    CaseResult r = CaptureTrim.trim(runner.run(c, logIds.incrementAndGet()));
                    listener.finished(r);
                    return r;
                }));
            }
            List<CaseResult> results = new ArrayList<>();
            for (Future<CaseResult> f : futures) {
                CaseResult r = f.get();
                if (r != null) {
                    results.add(r);
                }
            }
            running.done.complete(results);
        } catch (Exception | Error e) {
            running.done.completeExceptionally(e);
        } finally {
            pool.shutdownNow();
        }
    }
}
