package dev.framescope.ui.probe;

import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.Engine;
import dev.framescope.probe.CaseResult;
import dev.framescope.probe.CaseSelection;
import dev.framescope.probe.Catalogue;
import dev.framescope.probe.Probe;
import dev.framescope.probe.ProbeSettings;
import dev.framescope.ui.fx.Background;
import dev.framescope.ui.fx.BatchQueue;
import dev.framescope.ui.fx.PulseListener;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Probe window's state: results arrive on the probe's threads and reach the table once per pulse, in one batch;
 * the echo check and the run happen off the FX thread (the background executor, then the probe's own threads);
 * {@link #stop} cancels a run at its cases' next wait. FX-thread methods only, except what the probe calls.
 */
public final class ProbeModel implements PulseListener {

    private final Engine engine;
    private final Background background;
    private final ObservableList<CaseResult> results = FXCollections.observableArrayList();
    private final BatchQueue<CaseResult> arrived = new BatchQueue<>(results, 500);
    private final AtomicInteger done = new AtomicInteger();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private volatile Optional<Probe.Running> current = Optional.empty();
    /** Stop was pressed for this run: it may come before the run exists (during the echo check). */
    private volatile boolean stopping;
    private int total;

    public ProbeModel(Engine engine, Background background) {
        this.engine = engine;
        this.background = background;
    }

    public ObservableList<CaseResult> results() {
        return results;
    }

    public DoubleProperty progress() {
        return progress;
    }

    public StringProperty status() {
        return status;
    }

    public BooleanProperty running() {
        return running;
    }

    /** Starts a run of the given categories against {@code url}; says why in the status when it cannot. */
    public void start(String url, Set<String> categories) {
        if (running.get()) {
            return;
        }
        ConnectionSpec target;
        try {
            target = ConnectionSpec.to(url.trim());
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        List<Catalogue.Entry> cases = Catalogue.standard().select(new CaseSelection(categories.stream()
                .map(c -> c + ".*").toList(), List.of()));
        if (cases.isEmpty()) {
            status.set("Pick at least one category.");
            return;
        }
        results.clear();
        done.set(0);
        total = cases.size();
        progress.set(0);
        stopping = false;
        running.set(true);
        status.set("Checking that the server echoes…");
        Probe probe = new Probe(engine, target, ProbeSettings.DEFAULTS);
        background.submit(() -> {
            Probe.EchoCheck echo = probe.checkEcho();
            if (!echo.echoes()) {
                return Optional.<String>of("The server does not echo: " + echo.detail() + ".");
            }
            if (stopping) {
                return Optional.<String>of("Stopped before the first case.");
            }
            Probe.Running run = probe.start(cases, this::finished);
            current = Optional.of(run);
            if (stopping) {
                run.cancel();
            }
            run.done().whenComplete((r, e) -> background.ui().execute(() -> ended(r, e)));
            return Optional.<String>empty();
        }, new Background.Outcome<Optional<String>>() {
            @Override
            public void succeeded(Optional<String> refusal) {
                refusal.ifPresent(why -> {
                    status.set(why);
                    running.set(false);
                });
            }

            @Override
            public void failed(Exception problem) {
                status.set("The probe could not start: " + words(problem));
                running.set(false);
            }
        });
    }

    /** Cancels the run: cases under way end at their next wait, the rest do not start. */
    public void stop() {
        if (!running.get()) {
            return;
        }
        stopping = true;
        current.ifPresent(Probe.Running::cancel);
        status.set("Stopping…");
    }

    /** On a probe thread. */
    private void finished(CaseResult result) {
        arrived.offer(result);
        done.incrementAndGet();
    }

    /** The final status goes up before {@code running} drops, so whoever waits for the end reads it. */
    private void ended(List<CaseResult> all, Throwable problem) {
        current = Optional.empty();
        if (problem != null) {
            status.set("The run stopped: " + words(problem));
            running.set(false);
            return;
        }
        progress.set(all.size() / (double) total);
        long failed = all.stream().filter(r -> r.grade().failed()).count();
        String counts = all.size() + " of " + total + " cases" + (stopping ? ", " : " run, ")
                + (failed == 0 ? "none" : failed) + " failed.";
        status.set(stopping ? "Stopped after " + counts : counts);
        running.set(false);
    }

    /**
     * A failure in words: the probe's own messages are; a case that threw reaches us wrapped by its executor, whose
     * message would be the Java exception's name, so the cause's message is used.
     */
    static String words(Throwable problem) {
        Throwable p = problem;
        while ((p instanceof java.util.concurrent.ExecutionException
                || p instanceof java.util.concurrent.CompletionException) && p.getCause() != null) {
            p = p.getCause();
        }
        return p.getMessage() == null ? "an unexpected problem" : p.getMessage();
    }

    @Override
    public void onPulse(long nowNanos) {
        arrived.onPulse(nowNanos);
        if (running.get() && total > 0 && current.isPresent()) {
            int n = done.get();
            progress.set(n / (double) total);
            if (!stopping) {
                status.set(n + " of " + total + " cases done");
            }
        }
    }
}
