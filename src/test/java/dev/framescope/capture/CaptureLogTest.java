package dev.framescope.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.wire.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CaptureLogTest {

    @Test
    void concurrentAppendsAreSeenOnceInOrderByAConcurrentReader() throws Exception {
        CaptureLog log = new CaptureLog(1, "test", new PayloadStore(64L << 20));
        int perThread = 50_000;
        Runnable writer = () -> {
            for (int i = 0; i < perThread; i++) {
                log.append(System.nanoTime(), s -> new CaptureEvent.NoteEvent(s, Severity.INFO,
                        Thread.currentThread().getName()));
            }
        };
        Thread a = new Thread(writer, "a");
        Thread b = new Thread(writer, "b");
        a.start();
        b.start();
        List<CaptureEvent> seen = new ArrayList<>();
        while (seen.size() < 2 * perThread) {
            seen.addAll(log.readFrom(seen.size(), 1000));
        }
        a.join();
        b.join();
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i, seen.get(i).seq());
        }
        assertEquals(perThread, seen.stream().filter(e -> ((CaptureEvent.NoteEvent) e).text().equals("a")).count());
        assertEquals(2 * perThread, log.size());
    }

    @Test
    void payloadsBeyondTheBudgetSpillToDiskAndReadBackExactly() {
        PayloadStore store = new PayloadStore(64 * 1024);
        Random random = new Random(7);
        List<byte[]> originals = new ArrayList<>();
        List<Payload> stored = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            byte[] data = new byte[64 * 1024 + i];
            random.nextBytes(data);
            originals.add(data.clone());
            stored.add(store.store(data));
        }
        assertTrue(store.bytesInMemory() <= 64 * 1024, "in memory: " + store.bytesInMemory());
        assertTrue(store.bytesSpilled() > 10_000_000L, "spilled: " + store.bytesSpilled());
        for (int i = 0; i < originals.size(); i++) {
            assertArrayEquals(originals.get(i), stored.get(i).bytes(), "payload " + i);
        }
        store.close();
    }

    @Test
    void theIndexAndThePayloadsShareOneBudgetAcrossConnections() {
        MemoryBudget budget = new MemoryBudget(1 << 20);
        CaptureLog a = new CaptureLog(1, "a", new PayloadStore(budget));
        CaptureLog b = new CaptureLog(2, "b", new PayloadStore(budget));
        Random random = new Random(3);
        List<byte[]> originals = new ArrayList<>();
        List<Payload> stored = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            byte[] kib = new byte[1024];
            random.nextBytes(kib);
            originals.add(kib.clone());
            stored.add((i % 2 == 0 ? a : b).payloads().store(kib));
        }
        assertTrue(budget.payloadBytes() <= budget.limit(), "payloads on the heap: " + budget.payloadBytes());
        long spilledBefore = a.payloads().bytesSpilled() + b.payloads().bytesSpilled();
        assertTrue(spilledBefore >= 1200 * 1024 - budget.limit(), "what did not fit went to disk");

        for (int i = 0; i < 2000; i++) {
            a.append(i, s -> new CaptureEvent.NoteEvent(s, Severity.INFO, "x"));
        }
        assertEquals(2000L * (IndexCost.SMALL + 2) + CaptureLog.SLOT_SEGMENT_COST + CaptureLog.OBJECT_SEGMENT_COST,
                budget.indexBytes());
        assertTrue(budget.used() <= budget.limit(), "the index grew into the payloads' room and they made way: "
                + budget.indexBytes() + " + " + budget.payloadBytes());
        assertTrue(a.payloads().bytesSpilled() + b.payloads().bytesSpilled() > spilledBefore,
                "payloads moved from the heap to disk");
        for (int i = 0; i < originals.size(); i++) {
            assertArrayEquals(originals.get(i), stored.get(i).bytes(), "payload " + i + " reads back whole");
        }

        a.close();
        assertEquals(0, budget.indexBytes(), "a closed log gives its index back");
        b.close();
        assertEquals(0, budget.payloadBytes(), "and its payloads");
    }

    @Test
    void aLogWhoseIndexPassesTheBudgetMovesItToDiskWithoutAWord() {
        CaptureLog log = new CaptureLog(1, "tiny", new PayloadStore(new MemoryBudget(10_000)));
        for (int i = 0; i < 10_000; i++) {
            log.append(i, s -> new CaptureEvent.NoteEvent(s, Severity.INFO, "x"));
        }
        assertEquals(10_000, log.size(), "nothing dropped and no warning of its own");
        assertEquals(List.of(), log.readFrom(0, log.size()).stream().map(CaptureEvent.NoteEvent.class::cast)
                .filter(n -> n.level() == Severity.WARNING).toList());
        assertTrue(log.spilledIndexSegments() >= 2, "the two full segments of slots and of objects moved to disk");
        assertEquals("x", ((CaptureEvent.NoteEvent) log.get(5)).text());
        log.close();
    }

    @Test
    void anInterruptedWriterDoesNotMakeSpilledPayloadsUnreadable() {
        PayloadStore store = new PayloadStore(16);
        byte[] first = new byte[1000];
        byte[] second = new byte[2000];
        new Random(1).nextBytes(first);
        new Random(2).nextBytes(second);
        Thread.currentThread().interrupt();
        Payload a;
        try {
            a = store.store(first);
        } finally {
            Thread.interrupted();
        }
        Payload b = store.store(second);
        assertTrue(a instanceof PayloadStore.Spilled && b instanceof PayloadStore.Spilled, "both spilled");
        assertArrayEquals(first, a.bytes());
        assertArrayEquals(second, b.bytes());
        store.close();
    }

    @Test
    void heartbeatStatsUseNearestRankPercentilesAndMeanJitter() {
        HeartbeatStats s = HeartbeatStats.of(List.of(10L, 30L, 20L, 40L), 1);
        assertEquals(4, s.count());
        assertEquals(10, s.min());
        assertEquals(20, s.median());
        assertEquals(40, s.p95());
        assertEquals(40, s.max());
        assertEquals((20 + 10 + 20) / 3, s.jitter());
        assertEquals(1, s.missed());
    }
}
