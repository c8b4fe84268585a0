package dev.framescope.engine;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.Phase;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.ConnectionState;
import dev.framescope.capture.HeartbeatStats;
import dev.framescope.engine.driver.ProtocolClient;
import dev.framescope.wire.CloseCode;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Severity;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection, instrumented: opened from a {@link ConnectionSpec} through an {@link Engine}, recorded
 * into a {@link CaptureLog}. All methods return at once; I/O runs on the connection's own threads. This class is the
 * lifecycle — connect, open, close, reconnect — and the user's sends; its parts each do one job:
 * {@link ConnectionRecorder} (the tap's bytes into the log), {@link Heartbeat} (our pings), {@link PongResponder}
 * (the pong modes), {@link IdleProbes}, {@link PingStorms}, and {@link ConnectionTimers} (all timed work, on the
 * engine's scheduler and clock).
 *
 * <p>Threads and locks (the one discipline of this class):
 * <ul>
 *   <li>Callers use the public methods from any thread. Each attempt runs on a connect thread of its own
 *       ({@link ConnectAttempt}); the library then reads and writes on two threads of its own and reports through
 *       the attempt's events; timed work runs on the engine's scheduler.</li>
 *   <li>The lifecycle fields below are guarded by {@code this}: written only inside {@code synchronized (this)},
 *       and volatile where they are also read without it.</li>
 *   <li>{@code this} is held only to read or write those fields: never while calling the library, the log or a
 *       part, since the library calls back on its own threads. The parts guard their own state with their own
 *       monitors and hold them only around their own fields, so there is no lock order to get wrong.</li>
 * </ul>
 */
public final class Connection implements AutoCloseable {

    static final long CLOSE_TIMEOUT_MILLIS = 3_000;

    private final Engine engine;
    private final ConnectionSpec spec;
    private final CaptureLog log;
    private final ConnectionTimers timers;
    private final Heartbeat heartbeat;
    private final PongResponder pongs;
    private final IdleProbes probes;
    private final PingStorms storms;
    private final Reconnects reconnects;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CompletableFuture<Void> endedFuture = new CompletableFuture<>();

    // Guarded by this.
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private volatile ProtocolClient client;
    private volatile ConnectionRecorder recorder;
    private volatile CountDownLatch opened = new CountDownLatch(1);
    private volatile Optional<String> failure = Optional.empty();
    private volatile boolean closeRequested;
    private long upgradeStart;

    private Connection(Engine engine, ConnectionSpec spec, CaptureLog log) {
        this.engine = engine;
        this.spec = spec;
        this.log = log;
        this.timers = new ConnectionTimers(engine.scheduler());
        this.heartbeat = new Heartbeat(this, spec.heartbeat(), timers);
        this.pongs = new PongResponder(this, spec.heartbeat().pong(), timers);
        this.probes = new IdleProbes(this, timers);
        this.storms = new PingStorms(this, timers);
        this.reconnects = new Reconnects(spec.reconnect(), new Random());
    }

    /** Starts connecting; the log receives every event from now on. See {@link Engine#open}. */
    static Connection open(Engine engine, ConnectionSpec spec, CaptureLog log) {
        Connection c = new Connection(engine, spec, log);
        c.start();
        return c;
    }

    /** Data messages the client decoded itself (the {@link PlainFrameBypass} spares it plain ones); for tests. */
    long libraryMessages() {
        ProtocolClient c = client;
        return c == null ? 0 : c.messagesDecoded();
    }

    public ConnectionSpec spec() {
        return spec;
    }

    public CaptureLog log() {
        return log;
    }

    public ConnectionState state() {
        return state;
    }

    /** Why the connection failed, in words for the user. */
    public Optional<String> failure() {
        return failure;
    }

    public boolean awaitOpen(Duration timeout) throws InterruptedException {
        return opened.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && state == ConnectionState.OPEN;
    }

    public boolean awaitEnded(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean ended() {
        return ended.getCount() == 0;
    }

    /** Completes when the connection has ended for good (as {@link #awaitEnded} returns). */
    public CompletableFuture<Void> whenEnded() {
        return endedFuture.copy();
    }

    public void sendText(String text) {
        requireOpen().sendText(text);
    }

    public void sendBinary(byte[] data) {
        requireOpen().sendBinary(data);
    }

    /** Sends one message as {@code fragments} frames (RFC 6455 §5.4). */
    public void sendFragmented(Opcode opcode, byte[] data, int fragments) {
        requireOpen().sendFragments(opcode, data, fragments);
    }

    public void ping(byte[] payload) {
        requireOpen().ping(payload);
    }

    public void pong(byte[] payload) {
        requireOpen().pong(payload);
    }

    /**
     * Writes bytes as they are, in order with the client's writes: crafted frames for probing a server. They may
     * follow our close frame (the connection closing, not closed).
     */
    public void sendRaw(byte[] frameBytes) {
        requireUpgraded().sendRaw(frameBytes);
    }

    /**
     * A crafted close frame of ours (any code, reason or length): sent as it is and counted as our close frame, so
     * the server's close answers it. {@code code} is the code it carries, -1 for none.
     */
    public void sendRawClose(byte[] frameBytes, int code, String reason) {
        ProtocolClient c = requireOpen();
        synchronized (this) {
            closeRequested = true;
        }
        timers.cancelAll();
        setState(ConnectionState.CLOSING, "closing with a crafted close frame");
        c.closeRaw(frameBytes, code, reason);
    }

    /** Drops TCP now, without (more of) a close handshake; no reconnect follows. */
    public void abort(String why) {
        synchronized (this) {
            closeRequested = true;
        }
        timers.cancelAll();
        ProtocolClient c = client;
        if (c != null) {
            c.abort(why);
        }
    }

    /** Waits up to {@code timeout} until everything sent so far has been written to the socket. */
    public boolean awaitWritten(Duration timeout) {
        ProtocolClient c = client;
        return c == null || c.awaitWritten(timeout.toMillis());
    }

    @Override
    public void close() {
        close(CloseCode.NORMAL_CLOSURE.code(), "");
    }

    public void close(int code, String reason) {
        synchronized (this) {
            closeRequested = true;
        }
        timers.cancelAll();
        ProtocolClient c = client;
        if (c != null && state == ConnectionState.OPEN) {
            setState(ConnectionState.CLOSING, "closing with " + code);
            c.close(code, reason);
            // RFC 6455 §7.1.1: after our close frame the server should close; one that never does is dropped.
            timers.after(Duration.ofMillis(CLOSE_TIMEOUT_MILLIS), () -> {
                if (!ended()) {
                    recorder.note(Severity.WARNING, "no close frame from the server within "
                            + CLOSE_TIMEOUT_MILLIS + " ms: dropping the TCP connection");
                    c.abort("close handshake timed out");
                }
            });
        } else if (c != null) {
            c.abort("we closed the connection before the upgrade completed");
        }
    }

    /**
     * Sends {@code count} pings {@code interval} apart (back to back when zero), payloads {@code fs-storm-<k>-<i>}.
     * Completes with their round trips once every pong has come or been missed (after the heartbeat's pong timeout);
     * missed ones count as missed, not as samples. The pongs are recorded like any other, so the Heartbeat tab and
     * {@link HeartbeatStats} include them.
     */
    public CompletableFuture<HeartbeatStats> pingStorm(int count, Duration interval) {
        requireOpen();
        return storms.start(count, interval, spec.heartbeat().pongTimeout());
    }

    /**
     * Stops our own traffic — no heartbeat pings; server pings are still answered as the pong mode says (a real
     * client answers them, and "pong off" is how to test a server without them) — and measures how long the server
     * or a proxy keeps the connection, from the last byte we sent until the close frame or TCP end, or until
     * {@code limit}. The result is also written to the log as a note.
     */
    public CompletableFuture<IdleProbeResult> probeIdle(Duration limit) {
        requireOpen();
        return probes.start(limit, spec.heartbeat().pong());
    }

    boolean probingIdle() {
        return probes.running();
    }

    ConnectionRecorder recorder() {
        return recorder;
    }

    /** Drops the TCP connection without a close handshake (an abnormal close, so the reconnect policy applies). */
    void drop(String why) {
        ProtocolClient c = client;
        if (c != null) {
            c.abort(why);
        }
    }

    /** See {@link ProtocolClient#pongIfOpen}. */
    void pongIfOpen(byte[] payload) {
        ProtocolClient c = client;
        if (c != null) {
            c.pongIfOpen(payload);
        }
    }

    private ProtocolClient requireOpen() {
        ProtocolClient c = client;
        if (c == null || state != ConnectionState.OPEN) {
            throw new IllegalStateException("the connection is " + state.name().toLowerCase(Locale.ROOT)
                    + ", not open");
        }
        return c;
    }

    private ProtocolClient requireUpgraded() {
        ProtocolClient c = client;
        if (c == null || state != ConnectionState.OPEN && state != ConnectionState.CLOSING) {
            throw new IllegalStateException("the connection is " + state.name().toLowerCase(Locale.ROOT)
                    + ", not open");
        }
        return c;
    }

    /** One attempt, on a thread of its own: DNS, TCP and TLS block, and the timer must not wait for them. */
    private void start() {
        Thread t = new Thread(this::connect, engine.connectThreadName());
        t.setDaemon(true);
        t.start();
    }

    private void connect() {
        setState(ConnectionState.CONNECTING, spec.uri().toString());
        ConnectionRecorder r = new ConnectionRecorder(log, spec.maxMessageBytes(), engine.clock(),
                !engine.settings().libraryReadsEveryFrame());
        synchronized (this) {
            recorder = r;
        }
        new ConnectAttempt(this, spec, timers, r, engine.settings().strictOnLibrary()).run();
    }

    /** The attempt's client is about to write the upgrade request. */
    void attached(ProtocolClient c) {
        synchronized (this) {
            client = c;
            upgradeStart = timers.now();
        }
    }

    /** The library's events of the current attempt (see {@link ConnectAttempt#events}). */
    synchronized void failedBecause(String why) {
        failure = Optional.of(why);
    }

    void pinged(byte[] payload) {
        pongs.pinged(payload);
    }

    void onOpen() {
        long now = timers.now();
        long upgrade;
        synchronized (this) {
            upgrade = now - upgradeStart;
        }
        reconnects.opened(now);
        timing(Phase.UPGRADE, upgrade, "request written → 101 received");
        setState(ConnectionState.OPEN, "");
        // Before awaitOpen returns: a test on a virtual clock may advance it at once.
        heartbeat.start();
        opened.countDown();
    }

    void onLibraryClosed(int code, String reason) {
        timers.cancelAll();
        ConnectionRecorder r = recorder;
        try {
            if (!r.awaitCloseRecorded(TappedSocket.LINGER_MILLIS + 1000L)) {
                r.recordClose(timers.now());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r.recordClose(timers.now());
        }
        r.abandonPongWaiters();
        storms.abandonAll();
        probes.connectionEnded(r);
        boolean wasOpen = opened.getCount() == 0 && state != ConnectionState.CONNECTING;
        if (!wasOpen) {
            String why = failure.orElse(reason.isEmpty() ? "closed during the handshake (" + code + ")" : reason);
            fail("upgrade failed: " + why);
            return;
        }
        setState(ConnectionState.CLOSED, code + (reason.isEmpty() ? "" : " " + reason));
        if (reconnects.afterClose(code, closeRequested, timers.now(), CloseCode.NORMAL_CLOSURE.code())) {
            reconnect();
        } else {
            end();
        }
    }

    /** Nothing more will happen on this connection: no reconnect is coming. */
    private void end() {
        ended.countDown();
        endedFuture.complete(null);
    }

    private void reconnect() {
        Reconnects.Next next = reconnects.next();
        synchronized (this) {
            opened = new CountDownLatch(1);
        }
        recorder.note(Severity.INFO, "reconnecting in " + next.delay().toMillis() + " ms (attempt " + next.attempt()
                + ")");
        timers.after(next.delay(), this::start);
    }

    void fail(String message) {
        synchronized (this) {
            failure = Optional.of(message);
        }
        setState(ConnectionState.FAILED, message);
        opened.countDown();
        if (reconnects.afterFailure(closeRequested)) {
            reconnect();
        } else {
            end();
        }
    }

    void timing(Phase phase, long durationNanos, String detail) {
        log.append(timers.now(), s -> new CaptureEvent.TimingEvent(s, phase, durationNanos, detail));
    }

    private void setState(ConnectionState next, String detail) {
        synchronized (this) {
            state = next;
        }
        log.append(timers.now(), s -> new CaptureEvent.StateEvent(s, next, detail));
    }
}
