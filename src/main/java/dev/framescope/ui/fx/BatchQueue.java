package dev.framescope.ui.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A producer-side buffer drained once per pulse into a UI list with a single {@code addAll}, so a table sees one
 * change event per pulse however many events arrived. Producers never block and never touch the UI list.
 *
 * @param <T> the element type
 */
public final class BatchQueue<T> implements PulseListener {

    private final ConcurrentLinkedQueue<T> pending = new ConcurrentLinkedQueue<>();
    private final List<? super T> target;
    private final int maxPerPulse;

    /**
     * @param target      the list the view shows (usually an ObservableList), touched only on the UI thread
     * @param maxPerPulse the most elements moved in one pulse, so a burst cannot stall a frame
     */
    public BatchQueue(List<? super T> target, int maxPerPulse) {
        this.target = Objects.requireNonNull(target, "target");
        if (maxPerPulse < 1) {
            throw new IllegalArgumentException("maxPerPulse must be at least 1, not " + maxPerPulse);
        }
        this.maxPerPulse = maxPerPulse;
    }

    /** Any thread. */
    public void offer(T element) {
        pending.add(Objects.requireNonNull(element, "element"));
    }

    /** Elements waiting for the next pulse. */
    public int pendingCount() {
        return pending.size();
    }

    @Override
    public void onPulse(long nowNanos) {
        List<T> batch = new ArrayList<>();
        T element;
        while (batch.size() < maxPerPulse && (element = pending.poll()) != null) {
            batch.add(element);
        }
        if (!batch.isEmpty()) {
            target.addAll(batch);
        }
    }
}
