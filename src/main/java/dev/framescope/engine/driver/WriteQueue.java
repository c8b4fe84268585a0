package dev.framescope.engine.driver;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The one ordered way out: encoded frames (and the upgrade request) in call order, written by one thread. Each pass
 * writes everything queued by then as one socket write (up to {@link #BATCH_BYTES}), so a burst of small frames
 * costs one system call instead of one each. Back-pressure: data waits while more than the limit is queued; control
 * frames never wait (a pong or close must not queue behind the caller it would unblock).
 */
final class WriteQueue {

    static final int BATCH_BYTES = 256 * 1024;

    private final OutputStream out;
    private final long limitBytes;
    private final Consumer<IOException> failed;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final byte[] batch = new byte[BATCH_BYTES];
    private final Thread thread;
    // Guarded by this.
    private long queuedBytes;
    private boolean writing;
    private boolean stopped;

    WriteQueue(OutputStream out, long limitBytes, String threadName, Consumer<IOException> failed) {
        this.out = out;
        this.limitBytes = limitBytes;
        this.failed = failed;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Queues {@code bytes}; when {@code mayWait}, first waits while the queue is over its limit.
     *
     * @return false when the queue has stopped (the connection is gone) and the bytes were dropped
     */
    synchronized boolean add(byte[] bytes, boolean mayWait) {
        boolean interrupted = false;
        while (mayWait && !stopped && queuedBytes > limitBytes) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (stopped) {
            return false;
        }
        queue.add(bytes);
        queuedBytes += bytes.length;
        notifyAll();
        return true;
    }

    /** Waits up to {@code millis} until everything queued has been written; false if it has not. */
    synchronized boolean flush(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while ((!queue.isEmpty() || writing) && !stopped) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return queue.isEmpty();
    }

    /** Nothing more goes out; what is still queued is dropped. */
    synchronized void stop() {
        stopped = true;
        queue.clear();
        queuedBytes = 0;
        notifyAll();
    }

    private void run() {
        try {
            while (true) {
                byte[] big = null;
                int n = 0;
                synchronized (this) {
                    writing = false;
                    notifyAll();
                    while (queue.isEmpty() && !stopped) {
                        wait();
                    }
                    if (stopped) {
                        return;
                    }
                    writing = true;
                    if (queue.peek().length >= BATCH_BYTES) {
                        big = queue.poll();
                        queuedBytes -= big.length;
                    } else {
                        while (!queue.isEmpty() && n + queue.peek().length <= BATCH_BYTES) {
                            byte[] next = queue.poll();
                            System.arraycopy(next, 0, batch, n, next.length);
                            n += next.length;
                            queuedBytes -= next.length;
                        }
                    }
                    notifyAll();
                }
                if (big != null) {
                    out.write(big, 0, big.length);
                } else {
                    out.write(batch, 0, n);
                }
                out.flush();
            }
        } catch (IOException e) {
            stop();
            failed.accept(e);
        } catch (InterruptedException e) {
            stop();
        } finally {
            synchronized (this) {
                writing = false;
                notifyAll();
            }
        }
    }
}
