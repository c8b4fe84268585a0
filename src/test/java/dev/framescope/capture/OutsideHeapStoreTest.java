package dev.framescope.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.PlainFrames;
import dev.framescope.wire.Sender;
import dev.framescope.wire.StreamDissector;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link PayloadStore#outsideHeap}: a relayed capture's blocks in direct buffers the budget lends and takes back. */
class OutsideHeapStoreTest {

    @Test
    void maskedPlainFramesOutsideTheHeapReadBackAsTheHeapStoreReadsThem() {
        MemoryBudget budget = new MemoryBudget(64L << 20);
        List<byte[]> sent = new ArrayList<>();
        byte[] stream = clientStream(new Random(3), 3_000, sent);
        CaptureLog heap = record(new CaptureLog(1, "heap", new PayloadStore(64L << 20)), stream);
        CaptureLog outside = record(new CaptureLog(2, "outside", PayloadStore.outsideHeap(budget)), stream);

        assertEquals(2 * sent.size(), outside.size());
        for (int i = 0; i < sent.size(); i++) {
            CaptureEvent.FrameEvent f = (CaptureEvent.FrameEvent) outside.get(2 * i);
            assertArrayEquals(sent.get(i), f.payload().bytes(), "frame " + i + ", unmasked when read");
            assertArrayEquals(sent.get(i), ((CaptureEvent.MessageEvent) outside.get(2 * i + 1)).payload().bytes());
            assertEquals(((CaptureEvent.FrameEvent) heap.get(2 * i)).header(), f.header());
        }
        assertEquals(heap.payloads().bytesInMemory(), outside.payloads().bytesInMemory(),
                "the blocks are charged to the budget as arrays are");
        assertEquals(budget.payloadBytes(), outside.payloads().bytesInMemory());
    }

    @Test
    void blocksOutsideTheHeapSpillAsTheIndexGrowsAndReadBackExactly() {
        MemoryBudget budget = new MemoryBudget(3 << 20);
        List<byte[]> sent = new ArrayList<>();
        CaptureLog log = record(new CaptureLog(1, "firehose", PayloadStore.outsideHeap(budget)),
                clientStream(new Random(5), 20_000, sent));

        assertTrue(log.payloads().bytesSpilled() > 0, "blocks went to disk");
        assertTrue(budget.used() <= budget.limit(), "index " + budget.indexBytes() + " + payloads "
                + budget.payloadBytes() + " within " + budget.limit());
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), ((CaptureEvent.FrameEvent) log.get(2 * i)).payload().bytes(), "frame " + i);
        }
        log.close();
        assertEquals(0, budget.used());
        assertTrue(budget.freeBlockBytes() <= budget.limit(), "buffers kept for later stay within the budget");
    }

    @Test
    void aClosedStoresBuffersServeTheNextStoreAndItsOwnPayloadsAreGone() {
        MemoryBudget budget = new MemoryBudget(64L << 20);
        List<byte[]> first = new ArrayList<>();
        CaptureLog a = record(new CaptureLog(1, "a", PayloadStore.outsideHeap(budget)),
                clientStream(new Random(7), 4_000, first));
        Payload kept = ((CaptureEvent.FrameEvent) a.get(2)).payload();
        long held = a.payloads().bytesInMemory();
        a.close();
        assertEquals(0, budget.used());
        assertEquals(held, budget.freeBlockBytes(), "every block's buffer is kept for the next store");
        IllegalStateException gone = assertThrows(IllegalStateException.class, kept::bytes);
        assertTrue(gone.getMessage().contains("closed"), gone.getMessage());

        List<byte[]> second = new ArrayList<>();
        CaptureLog b = record(new CaptureLog(2, "b", PayloadStore.outsideHeap(budget)),
                clientStream(new Random(8), 4_000, second));
        assertTrue(budget.freeBlockBytes() < held, "b took a's buffers: " + budget.freeBlockBytes());
        for (int i = 0; i < second.size(); i++) {
            assertArrayEquals(second.get(i), ((CaptureEvent.FrameEvent) b.get(2 * i)).payload().bytes(), "frame " + i);
        }
    }

    @Test
    void buffersGivenBackAreKeptOnlyWithinWhatTheBudgetLeaves() {
        MemoryBudget budget = new MemoryBudget(4L << 20);
        CaptureLog big = record(new CaptureLog(1, "big", PayloadStore.outsideHeap(budget)),
                clientStream(new Random(9), 6_000, new ArrayList<>()));
        CaptureLog other = record(new CaptureLog(2, "other", PayloadStore.outsideHeap(budget)),
                clientStream(new Random(10), 3_000, new ArrayList<>()));
        big.close();
        assertTrue(budget.freeBlockBytes() + budget.used() <= budget.limit(),
                budget.freeBlockBytes() + " kept + " + budget.used() + " used");
        other.close();
        assertTrue(budget.freeBlockBytes() <= budget.limit());
    }

    @Test
    void appendsAfterCloseStillReadBackFromTheHeap() {
        MemoryBudget budget = new MemoryBudget(64L << 20);
        CaptureLog log = new CaptureLog(1, "late", PayloadStore.outsideHeap(budget));
        log.close();
        List<byte[]> sent = new ArrayList<>();
        record(log, clientStream(new Random(12), 500, sent));
        assertEquals(0, budget.freeBlockBytes(), "no buffer lent after close");
        assertArrayEquals(sent.get(499), ((CaptureEvent.FrameEvent) log.get(998)).payload().bytes());
    }

    /** What the relay's recorder does with a client's plain frames: take each read's run, record it kept masked. */
    private static CaptureLog record(CaptureLog log, byte[] stream) {
        StreamDissector d = new StreamDissector(Sender.CLIENT);
        PlainFrames run = new PlainFrames();
        for (int at = 0; at < stream.length; ) {
            ByteBuffer read = ByteBuffer.wrap(stream, at, Math.min(stream.length - at, 128 * 1024));
            int taken = d.takeMaskedPlainFrames(read, run);
            assertTrue(taken > 0, "every frame of the stream is plain");
            log.appendPlainFrames(1, run);
            at += taken;
        }
        return log;
    }

    private static byte[] clientStream(Random random, int frames, List<byte[]> payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] sizes = {0, 1, 125, 126, 65_536, 70_000, 1_024};
        for (int i = 0; i < frames; i++) {
            byte[] payload = new byte[i < sizes.length ? sizes[i] : random.nextInt(2_000)];
            random.nextBytes(payload);
            payloads.add(payload);
            out.writeBytes(FrameEncoder.binary(payload).masked(random.nextInt()).encode());
        }
        return out.toByteArray();
    }
}
