package dev.framescope.cli;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.io.SessionOutput;
import dev.framescope.capture.text.EventText;
import dev.framescope.proxy.ProxyListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The {@code proxy} command's main-thread loop: takes what the proxy's threads report, prints each recorded event
 * (prefixed with its connection's number) and notice, and appends the events to the session file as they come.
 */
final class ProxyLoop implements ProxyListener {

    /** A recorded connection and how far it has been printed and written. */
    private static final class Tracked {
        final CaptureLog log;
        int index;
        boolean closed;

        Tracked(CaptureLog log) {
            this.log = log;
        }
    }

    private final PrintWriter stdout;
    private final SessionOutput writer;
    private final Queue<CaptureLog> arrived = new ConcurrentLinkedQueue<>();
    private final Queue<String> notices = new ConcurrentLinkedQueue<>();
    private final List<Tracked> tracked = new ArrayList<>();
    private int closed;

    ProxyLoop(PrintWriter stdout, SessionOutput writer) {
        this.stdout = stdout;
        this.writer = writer;
    }

    @Override
    public void intercepted(CaptureLog log) {
        arrived.add(log);
    }

    @Override
    public void notice(String text) {
        notices.add(text);
    }

    /** Recorded connections whose close is in the capture. */
    int closedConnections() {
        return closed;
    }

    /** Polls until {@code stop} says so. */
    void run(BooleanSupplier stop) throws IOException {
        while (!stop.getAsBoolean()) {
            if (!drain()) {
                stdout.flush();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }
    }

    /** Prints and writes what came since the last call; whether there was anything. */
    boolean drain() throws IOException {
        boolean any = false;
        for (CaptureLog log; (log = arrived.poll()) != null; ) {
            tracked.add(new Tracked(log));
            stdout.println("#" + log.connectionId() + " " + log.label());
            any = true;
        }
        for (String text; (text = notices.poll()) != null; ) {
            stdout.println("proxy: " + text);
            any = true;
        }
        for (Tracked t : tracked) {
            List<CaptureEvent> batch = t.log.readFrom(t.index, 10_000);
            if (batch.isEmpty()) {
                continue;
            }
            any = true;
            for (CaptureEvent e : batch) {
                EventText.line(t.log, e).ifPresent(line -> stdout.println("#" + t.log.connectionId() + " " + line));
                if (e instanceof CaptureEvent.CloseEvent && !t.closed) {
                    t.closed = true;
                    closed++;
                }
            }
            writer.write(t.log, batch);
            t.index += batch.size();
        }
        return any;
    }
}
