package dev.framescope.ui.dev;

import dev.framescope.ui.fx.Background;
import dev.framescope.ui.fx.FxPump;
import dev.framescope.ui.fx.PulseStats;
import dev.framescope.ui.live.LiveWindow;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Opening a big session file, measured (scripts/gui-bench.sh open FILE): after a warm-up the window opens the
 * file as File → Open does, then prints when the first rows showed, when the reader finished, when the table had
 * caught up with the loaded log, and the FX pulse durations over that time; then closes the window.
 */
final class OpenBench implements FxPump.UntilDone {

    /** The first pulses (CSS, first layout) are start-up, not the load. */
    private static final long WARM_UP_NANOS = 2_000_000_000L;
    /** A load that has not caught up by then is reported as it stands. */
    private static final long GIVE_UP_NANOS = 300_000_000_000L;

    private final Path file;
    private final LiveWindow live;
    private final FxPump pump;
    private final long warmedUp = System.nanoTime() + WARM_UP_NANOS;
    private Optional<Background.Job> job = Optional.empty();
    private long opened;
    private long firstRows;
    private long loaded;

    OpenBench(Path file, LiveWindow live, FxPump pump) {
        this.file = file;
        this.live = live;
        this.pump = pump;
    }

    @Override
    public boolean onPulse(long nowNanos) {
        long now = System.nanoTime();
        if (job.isEmpty()) {
            if (now > warmedUp) {
                pump.stats().reset();
                pump.cpuStats().ifPresent(PulseStats::reset);
                opened = System.nanoTime();
                job = Optional.of(live.files().open(file));
            }
            return false;
        }
        if (firstRows == 0 && !live.table().getItems().isEmpty()) {
            firstRows = now;
        }
        if (loaded == 0 && job.get().isDone()) {
            loaded = now;
        }
        if (loaded != 0 && caughtUp() || now - opened > GIVE_UP_NANOS) {
            report(now);
            live.table().getScene().getWindow().hide();
            return true;
        }
        return false;
    }

    private boolean caughtUp() {
        return live.timeline().log().map(l -> live.timeline().frames().size()
                >= l.counters().framesIn() + l.counters().framesOut()).orElse(true);
    }

    private void report(long now) {
        long frames = live.timeline().log().map(l -> l.counters().framesIn() + l.counters().framesOut()).orElse(0L);
        System.out.printf(Locale.ROOT, "opened %s: %,d frames%nfirst rows after %.0f ms; file read after %.0f ms;"
                        + " table caught up after %.0f ms%npulses: %s%npulses in CPU time of the FX thread: %s%n",
                file.getFileName(), frames, ms(firstRows), ms(loaded), ms(now), pump.stats().snapshot().describe(),
                pump.cpuStats().map(c -> c.snapshot().describe()).orElse("not measured"));
        System.out.printf(Locale.ROOT, "%,d pulses; the longest (wall): %s%n", pump.stats().snapshot().totalPulses(),
                Arrays.stream(pump.stats().longest(8)).mapToObj(n -> String.format(Locale.ROOT, "%.1f", n / 1e6))
                        .collect(Collectors.joining(" ", "", " ms")));
    }

    private double ms(long at) {
        return at == 0 ? Double.NaN : (at - opened) / 1e6;
    }
}
