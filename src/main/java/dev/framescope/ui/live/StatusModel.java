package dev.framescope.ui.live;

import dev.framescope.ui.fx.Background;
import dev.framescope.ui.fx.Plural;
import dev.framescope.ui.fx.PulseListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;

/**
 * The status bar's state: live totals once a second, a notice that holds the bar for a while (an export done, a
 * file that could not be read), and the background work running now with a way to cancel it. FX thread only.
 */
public final class StatusModel implements PulseListener {

    /** What the totals line counts. */
    public record Counts(int connections, long framesCaptured, int shown, int inView, long memoryUsed,
                         long memoryLimit) {

        /** The session's totals, with what the table shows of the selected connection. */
        static Counts of(SessionModel session, int shown, int inView) {
            long frames = 0;
            for (LiveConnection c : List.copyOf(session.connections())) {
                frames += c.log().counters().framesIn() + c.log().counters().framesOut();
            }
            return new Counts(session.connections().size(), frames, shown, inView, session.budget().used(),
                    session.budget().limit());
        }
    }

    private static final long TOTALS_EVERY_NANOS = 1_000_000_000L;
    private static final Duration NOTICE = Duration.ofSeconds(5);
    private static final Duration ERROR = Duration.ofSeconds(20);

    private final LongSupplier clock;
    private final Supplier<Counts> counts;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("Ready");
    private final ReadOnlyBooleanWrapper error = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper work = new ReadOnlyStringWrapper("");
    /** The newest work's progress, 0 to 1, or indeterminate (-1) when it cannot tell; updated once a pulse. */
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(ProgressBar.INDETERMINATE_PROGRESS);
    private final List<Work> running = new ArrayList<>();
    private long lastTotals;
    private long lastFrames;
    /** Until when a notice holds the bar against the totals. */
    private long holdUntil;

    /** @param clock nanoseconds, {@code System::nanoTime} outside tests */
    public StatusModel(LongSupplier clock, Supplier<Counts> counts) {
        this.clock = clock;
        this.counts = counts;
    }

    public ReadOnlyStringProperty text() {
        return text.getReadOnlyProperty();
    }

    /** Whether the text is a problem (shown in the error colour). */
    public ReadOnlyBooleanProperty error() {
        return error.getReadOnlyProperty();
    }

    /** What the background work is doing ("Saving chaos.fscap…"); empty when idle. */
    public ReadOnlyStringProperty work() {
        return work.getReadOnlyProperty();
    }

    /** The newest running work's progress (0 to 1), or -1 when it cannot tell. */
    public ReadOnlyDoubleProperty progress() {
        return progress.getReadOnlyProperty();
    }

    /** A message for a few seconds, then the totals come back. */
    public void notice(String message) {
        show(message, NOTICE, false);
    }

    /** A message held for {@code hold}. */
    public void notice(String message, Duration hold) {
        show(message, hold, false);
    }

    /** A problem, in the error colour, held longer than a notice. */
    public void problem(String message) {
        show(message, ERROR, true);
    }

    private void show(String message, Duration hold, boolean isError) {
        text.set(message);
        error.set(isError);
        holdUntil = clock.getAsLong() + hold.toNanos();
    }

    /** One piece of background work on the bar: shown with a progress bar until it ends; Cancel cancels it. */
    public final class Work {
        private final String what;
        private Optional<Background.Job> job = Optional.empty();
        private DoubleSupplier done = () -> ProgressBar.INDETERMINATE_PROGRESS;

        private Work(String what) {
            this.what = what;
        }

        /**
         * How far the work is, 0 to 1 (-1: cannot tell), asked once a pulse: the worker thread only updates a
         * number, it never reaches the FX thread for progress.
         */
        public void progressFrom(DoubleSupplier value) {
            done = value;
        }

        /** The job to cancel when the user presses Cancel. */
        public void cancelWith(Background.Job value) {
            job = Optional.of(value);
            if (value.isDone()) {
                end();
            }
        }

        /** The work ended (done, failed or cancelled); the bar forgets it. */
        public void end() {
            running.remove(this);
            work.set(running.isEmpty() ? "" : running.get(running.size() - 1).what);
        }
    }

    /** Work starting now, named ("Saving chaos.fscap…"). */
    public Work begin(String what) {
        Work w = new Work(what);
        running.add(w);
        work.set(what);
        return w;
    }

    /** Cancels every background job running now. */
    public void cancel() {
        List.copyOf(running).forEach(w -> {
            w.job.ifPresent(Background.Job::cancel);
            w.end();
        });
    }

    /** Binds the status bar's nodes: the text, a progress bar and a Cancel button shown while work runs. */
    public void attach(Label label, Label workLabel, ProgressBar progress, Button cancel) {
        label.textProperty().bind(text);
        workLabel.textProperty().bind(work);
        workLabel.visibleProperty().bind(work.isNotEmpty());
        workLabel.managedProperty().bind(workLabel.visibleProperty());
        error.addListener((o, was, now) -> {
            label.getStyleClass().remove("status-error");
            if (now) {
                label.getStyleClass().add("status-error");
            }
        });
        progress.progressProperty().bind(this.progress);
        progress.visibleProperty().bind(work.isNotEmpty());
        progress.managedProperty().bind(progress.visibleProperty());
        cancel.visibleProperty().bind(work.isNotEmpty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> cancel());
    }

    @Override
    public void onPulse(long nowNanos) {
        progress.set(running.isEmpty() ? ProgressBar.INDETERMINATE_PROGRESS
                : running.get(running.size() - 1).done.getAsDouble());
        long now = clock.getAsLong();
        if (now - lastTotals < TOTALS_EVERY_NANOS || now - holdUntil < 0) {
            return;
        }
        Counts k = counts.get();
        double seconds = lastTotals == 0 ? 1 : (now - lastTotals) / 1e9;
        double rate = (k.framesCaptured() - lastFrames) / seconds;
        lastTotals = now;
        lastFrames = k.framesCaptured();
        error.set(false);
        text.set(Plural.of(k.connections(), "connection") + " · " + Plural.of(k.framesCaptured(), "frame")
                + String.format(Locale.ROOT, " captured · %,.0f frames/s · %,d shown of %,d in this view · capture "
                + "memory %,.1f of %,d MB", rate, k.shown(), k.inView(), k.memoryUsed() / 1048576.0,
                k.memoryLimit() >> 20));
    }
}
