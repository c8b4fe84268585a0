package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.EventVisitor;

/**
 * How a view reads its log's new events on a pulse: in slices, until its batch is whole or the pulse has spent its
 * share of time. A fixed batch was too much on a slow or busy machine and too little on a fast one: opening a file of
 * a million frames, the batch that kept one pulse short here left the table catching up for seconds.
 */
final class Drains {

    /** Events visited between looks at the clock. */
    static final int SLICE = 4_096;
    /** A view's share of a pulse; several views drain on each. */
    static final long BUDGET_NANOS = 1_000_000L;

    private Drains() {
    }

    /**
     * Visits events of {@code log} from {@code from} on ({@link CaptureLog#visit}): at most {@code max}, of which at
     * most {@code maxEvents} other than a plain frame's, slice by slice while the budget lasts (one slice at least).
     * Returns how many it visited.
     */
    static int visit(CaptureLog log, int from, int max, int maxEvents, EventVisitor visitor) {
        int[] events = {0};
        EventVisitor counting = new EventVisitor() {
            @Override
            public void event(CaptureEvent e) {
                events[0]++;
                visitor.event(e);
            }

            @Override
            public void plain(int seq, boolean message, long nanos, boolean out, boolean text) {
                visitor.plain(seq, message, nanos, out, text);
            }
        };
        long started = System.nanoTime();
        int read = 0;
        int slice;
        do {
            int want = Math.min(SLICE, max - read);
            slice = log.visit(from + read, want, maxEvents - events[0], counting);
            read += slice;
            if (slice < want) {
                break;
            }
        } while (read < max && events[0] < maxEvents && System.nanoTime() - started < BUDGET_NANOS);
        return read;
    }
}
