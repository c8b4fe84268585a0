package dev.framescope.proxy;

import dev.framescope.engine.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The breakpoints of one proxy: its {@link BreakRule}s (changed at any time, by the window's rule editor), how long
 * a message may be held before it goes on unchanged, the scheduler that measures that, and who is told of holds.
 * Also the intercepted connections that are open, for injection.
 *
 * <p>A proxy <em>gates</em> its WebSockets — tracks each direction's frames so that a message can be held and one
 * injected between messages — while it has rules, or always when {@code interactive} (the window, where rules and
 * injections may come at any moment). Without either, the relay copies bytes as they come, as before.
 */
public final class Breakpoints {

    /** Told of holds on the proxy's threads (or the scheduler's, for a timeout): must return quickly. */
    public interface Listener {
        default void held(HeldMessage message) {
        }

        /** The hold ended: forwarded, edited, dropped, timed out, or the connection went away. */
        default void resolved(HeldMessage message) {
        }

        /** Hears nothing. */
        Listener NONE = new Listener() {
        };
    }

    public static final Duration DEFAULT_HOLD_TIMEOUT = Duration.ofSeconds(30);

    private final List<BreakRule> rules = new CopyOnWriteArrayList<>();
    private final Scheduler scheduler;
    private final boolean interactive;
    private final Set<Interception> open = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong holdIds = new java.util.concurrent.atomic.AtomicLong();
    private volatile Duration holdTimeout;
    private volatile Listener listener = Listener.NONE;

    /**
     * @param interactive gate every WebSocket (the window), not only while there are rules
     */
    public Breakpoints(List<BreakRule> rules, Duration holdTimeout, Scheduler scheduler, boolean interactive) {
        this.rules.addAll(rules);
        this.holdTimeout = holdTimeout;
        this.scheduler = scheduler;
        this.interactive = interactive;
    }

    /** No rules, not interactive: the relay copies bytes unread by any gate. */
    public static Breakpoints off() {
        return new Breakpoints(List.of(), DEFAULT_HOLD_TIMEOUT, NEVER, false);
    }

    public List<BreakRule> rules() {
        return List.copyOf(rules);
    }

    /** Replaces the rules; messages already held stay held. */
    public void setRules(List<BreakRule> replacement) {
        rules.clear();
        rules.addAll(replacement);
    }

    public Duration holdTimeout() {
        return holdTimeout;
    }

    /** For holds from now on. */
    public void setHoldTimeout(Duration timeout) {
        holdTimeout = timeout;
    }

    public void listen(Listener l) {
        listener = l;
    }

    /** The intercepted WebSockets open now that can be injected into (gated ones). */
    public List<Interception> connections() {
        return List.copyOf(open);
    }

    /** The rules as they are now, without a copy (iterating a copy-on-write list is safe). */
    List<BreakRule> live() {
        return rules;
    }

    long nextHoldId() {
        return holdIds.incrementAndGet();
    }

    boolean gates() {
        return interactive || !rules.isEmpty();
    }

    Listener listener() {
        return listener;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    void opened(Interception c) {
        open.add(c);
    }

    void ended(Interception c) {
        open.remove(c);
    }

    /** For {@link #off()}: nothing is ever held, so nothing is ever scheduled. */
    private static final Scheduler NEVER = new Scheduler() {
        @Override
        public LongSupplier clock() {
            return System::nanoTime;
        }

        @Override
        public Cancellable schedule(Runnable task, long delayNanos) {
            throw new IllegalStateException("breakpoints are off");
        }
    };
}
