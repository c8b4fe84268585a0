package dev.framescope.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

class FxPumpTest {

    @Test
    void eachPulseCallsListenersInOrderAndRecordsTheWorkDuration() {
        AtomicLong clock = new AtomicLong(1_000);
        FxPump pump = new FxPump(clock::get);
        List<String> calls = new ArrayList<>();
        pump.register(now -> {
            calls.add("first@" + now);
            clock.addAndGet(250);
        });
        pump.register(now -> calls.add("second@" + now));

        pump.pulse(42);

        assertEquals(List.of("first@42", "second@42"), calls);
        PulseStats.Snapshot s = pump.stats().snapshot();
        assertEquals(1, s.totalPulses());
        assertEquals(250, s.maxNanos());
    }

    @Test
    void closedRegistrationIsNoLongerCalled() {
        FxPump pump = new FxPump(() -> 0);
        List<Long> calls = new ArrayList<>();
        FxPump.Registration r = pump.register(calls::add);
        pump.pulse(1);
        r.close();
        pump.pulse(2);
        assertEquals(List.of(1L), calls);
        assertEquals(0, pump.listenerCount());
    }

    @Test
    void aFailingListenerDoesNotStarveTheOthers() {
        FxPump pump = new FxPump(() -> 0);
        List<Throwable> reported = new ArrayList<>();
        Thread.UncaughtExceptionHandler previous = Thread.currentThread().getUncaughtExceptionHandler();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.add(e));
        try {
            List<Long> calls = new ArrayList<>();
            pump.register(now -> {
                throw new IllegalStateException("boom");
            });
            pump.register(calls::add);
            pump.pulse(7);
            assertEquals(List.of(7L), calls);
            assertEquals("boom", reported.get(0).getMessage());
        } finally {
            Thread.currentThread().setUncaughtExceptionHandler(previous);
        }
    }

    @Test
    void batchQueueDrainsAPulseWorthInOneChange() throws InterruptedException {
        ObservableList<Integer> shown = FXCollections.observableArrayList();
        List<Integer> changeSizes = new ArrayList<>();
        shown.addListener((ListChangeListener<Integer>) c -> {
            while (c.next()) {
                changeSizes.add(c.getAddedSize());
            }
        });
        BatchQueue<Integer> queue = new BatchQueue<>(shown, 1000);
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 500; i++) {
                queue.offer(i);
            }
        });
        producer.start();
        producer.join();
        FxPump pump = new FxPump(() -> 0);
        pump.register(queue);

        pump.pulse(1);
        pump.pulse(2);

        assertEquals(500, shown.size());
        assertEquals(List.of(500), changeSizes, "one addAll for the whole burst; nothing on the empty pulse");
        assertEquals(499, shown.get(499));
    }

    @Test
    void batchQueueMovesAtMostItsLimitPerPulse() {
        List<String> shown = new ArrayList<>();
        BatchQueue<String> queue = new BatchQueue<>(shown, 2);
        queue.offer("a");
        queue.offer("b");
        queue.offer("c");
        queue.onPulse(0);
        assertEquals(List.of("a", "b"), shown);
        assertEquals(1, queue.pendingCount());
        queue.onPulse(1);
        assertEquals(List.of("a", "b", "c"), shown);
    }
}
