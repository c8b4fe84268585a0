package dev.framescope.engine.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.testutil.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The driver's one way out: frames leave in call order; a data frame waits while more than the limit is queued
 * (back-pressure on a stalled server), a control frame never does.
 */
class WriteQueueTest {

    /** A socket that takes nothing until released: its first write blocks. */
    private static final class StalledSocket extends OutputStream {
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final ByteArrayOutputStream written = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (written) {
                written.write(b, off, len);
            }
        }

        byte[] bytes() {
            synchronized (written) {
                return written.toByteArray();
            }
        }
    }

    @Test
    void dataWaitsWhileTheQueueIsOverItsLimitAndControlFramesDoNot() throws Exception {
        StalledSocket socket = new StalledSocket();
        WriteQueue queue = new WriteQueue(socket, 10, "write-queue-test", e -> { });
        queue.start();
        assertTrue(queue.add(new byte[] {1}, true));
        socket.writing.await();
        // The writer is stuck in the socket; 11 bytes queued is over the limit of 10.
        byte[] big = new byte[11];
        Arrays.fill(big, (byte) 2);
        assertTrue(queue.add(big, true), "under the limit when it came");

        AtomicBoolean added = new AtomicBoolean();
        Thread sender = new Thread(() -> added.set(queue.add(new byte[] {3}, true)), "sender");
        sender.start();
        Await.until(() -> sender.getState() == Thread.State.WAITING, "the data frame waiting for room");
        assertFalse(added.get());

        AtomicBoolean pongAdded = new AtomicBoolean();
        new Thread(() -> pongAdded.set(queue.add(new byte[] {9}, false)), "ponger").start();
        Await.until(pongAdded::get, "a pong queued while the queue is over its limit");
        assertFalse(added.get(), "the data frame still waits");

        socket.release.countDown();
        sender.join(10_000);
        assertTrue(added.get(), "room made, the data frame went in");
        assertTrue(queue.flush(10_000));
        byte[] expected = new byte[14];
        expected[0] = 1;
        Arrays.fill(expected, 1, 12, (byte) 2);
        expected[12] = 9;
        expected[13] = 3;
        assertArrayEquals(expected, socket.bytes(), "in the order they were queued");
        queue.stop();
    }

    @Test
    void aStoppedQueueDropsAndReleasesAWaitingSender() throws Exception {
        StalledSocket socket = new StalledSocket();
        WriteQueue queue = new WriteQueue(socket, 0, "write-queue-test", e -> { });
        queue.start();
        queue.add(new byte[] {1}, true);
        socket.writing.await();
        queue.add(new byte[] {2}, true);
        AtomicBoolean added = new AtomicBoolean(true);
        Thread sender = new Thread(() -> added.set(queue.add(new byte[] {3}, true)), "sender");
        sender.start();
        Await.until(() -> sender.getState() == Thread.State.WAITING, "the data frame waiting for room");
        queue.stop();
        sender.join(10_000);
        assertFalse(sender.isAlive());
        assertFalse(added.get(), "the connection is gone: the frame is dropped, the caller told");
        socket.release.countDown();
    }

    /** IOException from the socket reaches the driver once, and the queue stops. */
    @Test
    void aFailedWriteIsReportedAndStopsTheQueue() throws Exception {
        CountDownLatch failed = new CountDownLatch(1);
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("connection reset");
            }
        };
        WriteQueue queue = new WriteQueue(broken, 1 << 20, "write-queue-test", e -> failed.countDown());
        queue.start();
        queue.add(new byte[] {1}, true);
        failed.await();
        assertFalse(queue.add(new byte[] {2}, true), "nothing more goes out");
    }
}
