package dev.framescope.engine;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.Phase;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.ConnectionState;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Severity;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.framing.PongFrame;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;

/**
 * One WebSocket connection, instrumented: opened from a {@link ConnectionSpec}, recorded into a {@link CaptureLog}.
 * All methods return at once; I/O runs on the connection's own threads.
 */
public final class Connection implements AutoCloseable {

    private static final ScheduledExecutorService TIMERS = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "framescope-timers");
        t.setDaemon(true);
        return t;
    });
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ConnectionSpec spec;
    private final CaptureLog log;
    private final Random jitter = new Random();
    private final AtomicLong pings = new AtomicLong();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private volatile EngineClient client;
    private volatile ConnectionRecorder recorder;
    private volatile CountDownLatch opened = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CompletableFuture<Void> endedFuture = new CompletableFuture<>();
    private volatile Optional<String> failure = Optional.empty();
    private volatile boolean closeRequested;
    private volatile long upgradeStart;
    private int attempt;
    private volatile long openedAt;
    private volatile Optional<IdleProbe> probe = Optional.empty();
    private final AtomicLong storms = new AtomicLong();
    private final java.util.Set<PingStorm> activeStorms = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final long STABLE_NANOS = TimeUnit.SECONDS.toNanos(30);
    static final long CLOSE_TIMEOUT_MILLIS = 3_000;

    private Connection(ConnectionSpec spec, CaptureLog log) {
        this.spec = spec;
        this.log = log;
    }

    /** Starts connecting; the log receives every event from now on. */
    public static Connection open(ConnectionSpec spec, CaptureLog log) {
        Connection c = new Connection(spec, log);
        c.start();
        return c;
    }

    /** Data messages Java-WebSocket decoded itself (the recorder spares it plain frames); for tests. */
    long libraryMessages() {
        EngineClient c = client;
        return c == null ? 0 : c.libraryMessages();
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

    public void sendText(String text) {
        requireOpen().send(text);
    }

    public void sendBinary(byte[] data) {
        requireOpen().send(data);
    }

    /** Sends one message as {@code fragments} frames (RFC 6455 §5.4). */
    public void sendFragmented(Opcode opcode, byte[] data, int fragments) {
        EngineClient c = requireOpen();
        org.java_websocket.enums.Opcode op = opcode == Opcode.TEXT ? org.java_websocket.enums.Opcode.TEXT
                : org.java_websocket.enums.Opcode.BINARY;
        int n = Math.max(1, Math.min(fragments, Math.max(1, data.length)));
        int size = (data.length + n - 1) / n;
        for (int i = 0; i < n; i++) {
            int from = Math.min(data.length, i * size);
            int to = Math.min(data.length, from + size);
            c.sendFragmentedFrame(op, ByteBuffer.wrap(data, from, to - from), i == n - 1);
        }
    }

    public void ping(byte[] payload) {
        PingFrame ping = new PingFrame();
        ping.setPayload(ByteBuffer.wrap(payload));
        requireOpen().sendFrame(ping);
    }

    public void pong(byte[] payload) {
        PongFrame pong = new PongFrame();
        pong.setPayload(ByteBuffer.wrap(payload));
        requireOpen().sendFrame(pong);
    }

    public void close(int code, String reason) {
        closeRequested = true;
        cancelTimers();
        EngineClient c = client;
        if (c != null && state == ConnectionState.OPEN) {
            setState(ConnectionState.CLOSING, "closing with " + code);
            c.close(code, reason);
            // RFC 6455 §7.1.1: after our close frame the server should close; one that never does is dropped.
            schedule(() -> {
                if (!ended()) {
                    recorder.note(Severity.WARNING, "no close frame from the server within "
                            + CLOSE_TIMEOUT_MILLIS + " ms: dropping the TCP connection");
                    c.closeConnection(CloseFrame.ABNORMAL_CLOSE, "close handshake timed out");
                }
            }, CLOSE_TIMEOUT_MILLIS);
        } else if (c != null) {
            c.close();
        }
    }

    /**
     * Sends {@code count} pings {@code interval} apart (back to back when zero), payloads {@code fs-storm-<k>-<i>}.
     * Completes with their round trips once every pong has come or been missed (after the heartbeat's pong timeout);
     * missed ones count as missed, not as samples. The pongs are recorded like any other, so the Heartbeat tab and
     * {@link dev.framescope.capture.HeartbeatStats} include them.
     */
    public CompletableFuture<dev.framescope.capture.HeartbeatStats> pingStorm(int count, Duration interval) {
        requireOpen();
        if (count < 1 || count > 100_000) {
            throw new IllegalArgumentException("a ping storm sends 1 to 100000 pings, not " + count);
        }
        if (interval.isNegative()) {
            throw new IllegalArgumentException("a ping storm's interval cannot be negative: " + interval.toMillis()
                    + " ms");
        }
        if (probe.isPresent()) {
            throw new IllegalStateException("an idle probe is running on this connection; a ping storm would end "
                    + "its idleness");
        }
        PingStorm storm = new PingStorm("fs-storm-" + storms.incrementAndGet() + "-", count,
                spec.heartbeat().pongTimeout().toMillis(), new PingStorm.Link() {
                    @Override
                    public ConnectionRecorder recorder() {
                        return recorder;
                    }

                    @Override
                    public void ping(byte[] payload) {
                        Connection.this.ping(payload);
                    }

                    @Override
                    public void schedule(Runnable task, long delayMillis) {
                        Connection.this.schedule(task, delayMillis);
                    }
                });
        activeStorms.add(storm);
        ConnectionRecorder r = recorder;
        storm.result.thenAccept(stats -> {
            activeStorms.remove(storm);
            r.note(Severity.INFO, "ping storm done: " + stats.describe());
        });
        recorder.note(Severity.INFO, "ping storm: " + count + " pings every " + interval.toMillis() + " ms");
        if (interval.isZero()) {
            schedule(() -> {
                while (storm.sendNext()) {
                    // back to back
                }
            }, 0);
        } else {
            synchronized (timers) {
                ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
                self[0] = TIMERS.scheduleAtFixedRate(() -> {
                    if (!storm.sendNext() && self[0] != null) {
                        self[0].cancel(false);
                    }
                }, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
                timers.add(self[0]);
            }
        }
        return storm.result;
    }

    /**
     * Stops our own traffic — no heartbeat pings; server pings are still answered as the pong mode says (a real
     * client answers them, and "pong off" is how to test a server without them) — and measures how long the server
     * or a proxy keeps the connection, from the last byte we sent until the close frame or TCP end, or until
     * {@code limit}. The result is also written to the log as a note.
     */
    public CompletableFuture<IdleProbeResult> probeIdle(Duration limit) {
        requireOpen();
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("an idle probe needs a positive limit, not " + limit.toMillis() + " ms");
        }
        IdleProbe p;
        synchronized (this) {
            if (probe.isPresent()) {
                throw new IllegalStateException("an idle probe is already running on this connection");
            }
            p = new IdleProbe(limit, log, recorder);
            probe = Optional.of(p);
        }
        recorder.note(Severity.INFO, "idle probe: our pings stop for up to " + String.format(java.util.Locale.ROOT,
                "%.1f", limit.toMillis() / 1000.0) + " s; server pings "
                + (spec.heartbeat().pong() instanceof PongMode.Off ? "are not answered (pong mode off)"
                : "are still answered (pong mode " + spec.heartbeat().pong().spelling() + ")"));
        schedule(() -> {
            if (probe.filter(x -> x == p).isPresent() && state == ConnectionState.OPEN) {
                finishProbe(p, p.stillOpen(log, System.nanoTime()));
            }
        }, limit.toMillis());
        return p.result;
    }

    private void finishProbe(IdleProbe p, IdleProbeResult result) {
        synchronized (this) {
            if (probe.filter(x -> x == p).isEmpty()) {
                return;
            }
            probe = Optional.empty();
        }
        recorder.note(Severity.INFO, "idle probe: " + result.describe());
        p.result.complete(result);
    }

    /** Answers a server ping as the pong mode says; a delayed pong waits on the timer thread, not the read thread. */
    private void answerPing(byte[] payload) {
        PongMode mode = spec.heartbeat().pong();
        if (mode instanceof PongMode.Off) {
            return;
        }
        if (mode instanceof PongMode.Delayed d) {
            schedule(() -> pongIfOpen(payload), d.delay().toMillis());
        } else if (mode instanceof PongMode.CustomPayload c) {
            recorder.answering(payload, c.bytes());
            pongIfOpen(c.bytes());
        } else {
            pongIfOpen(payload);
        }
    }

    /** A pong is still due while we are closing (RFC 6455 §5.5.2), so this asks the library, not our state. */
    private void pongIfOpen(byte[] payload) {
        EngineClient c = client;
        if (c == null || !c.isOpen()) {
            return;
        }
        PongFrame pong = new PongFrame();
        pong.setPayload(ByteBuffer.wrap(payload));
        try {
            c.sendFrame(pong);
        } catch (WebsocketNotConnectedException e) {
            // closed meanwhile: nothing to answer any more
        }
    }

    /** Writes bytes as they are, in order with the library's writes: crafted frames for probing a server. */
    public void sendRaw(byte[] frameBytes) {
        EngineClient c = requireOpen();
        if (c.getConnection() instanceof WebSocketImpl impl) {
            impl.outQueue.add(ByteBuffer.wrap(frameBytes.clone()));
        }
    }

    @Override
    public void close() {
        close(CloseFrame.NORMAL, "");
    }

    private EngineClient requireOpen() {
        EngineClient c = client;
        if (c == null || state != ConnectionState.OPEN) {
            throw new IllegalStateException("the connection is " + state.name().toLowerCase() + ", not open");
        }
        return c;
    }

    private void start() {
        Thread t = new Thread(this::connect, "framescope-connect-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        t.start();
    }

    private void connect() {
        setState(ConnectionState.CONNECTING, spec.uri().toString());
        recorder = new ConnectionRecorder(log, spec.maxMessageBytes());
        PongMode pong = spec.heartbeat().pong();
        if (!(pong instanceof PongMode.Auto)) {
            // The session file keeps no connection settings; this line tells a reader why pongs look odd.
            recorder.note(Severity.WARNING, "pong mode " + pong.spelling() + ": server pings are "
                    + (pong instanceof PongMode.Off ? "not answered" : pong instanceof PongMode.Delayed
                    ? "answered late" : "answered with another payload") + " on purpose");
        }
        if (spec.tls().insecure() && spec.secure()) {
            recorder.note(Severity.WARNING, "TLS verification is OFF for this connection (insecure): certificate and "
                    + "host name are not checked");
        }
        Socket socket;
        try {
            socket = Connector.open(spec, new Connector.Listener() {
                @Override
                public void phase(Phase phase, long durationNanos, String detail) {
                    timing(phase, durationNanos, detail);
                }

                @Override
                public void tls(String protocol, String cipher, List<String> chain, boolean verified, boolean insecure) {
                    log.append(System.nanoTime(), s -> new CaptureEvent.TlsEvent(s, protocol, cipher, chain, verified,
                            insecure));
                }
            });
        } catch (IOException e) {
            fail(e.getMessage());
            return;
        }
        try {
            EngineClient c = new EngineClient(spec.uri(), draft(), headers(), (int) spec.connectTimeout().toMillis(),
                    events(), text -> recorder.note(Severity.INFO, text));
            TappedSocket tapped = new TappedSocket(socket, recorder);
            tapped.beforeClose(() -> flushDroppedWrites(c, tapped));
            c.setSocket(tapped);
            client = c;
            upgradeStart = System.nanoTime();
            c.connect();
            schedule(() -> {
                if (state == ConnectionState.CONNECTING) {
                    recorder.note(Severity.ERROR, "no upgrade response within " + spec.handshakeTimeout().toMillis()
                            + " ms");
                    c.close();
                }
            }, spec.handshakeTimeout().toMillis());
        } catch (IOException e) {
            fail("cannot start: " + e.getMessage());
        }
    }

    /**
     * Java-WebSocket's write thread, interrupted at close, can close the socket with frames still queued (our close
     * reply among them); write them first so the peer and the capture see them.
     */
    private void flushDroppedWrites(EngineClient c, TappedSocket socket) {
        if (!(c.getConnection() instanceof WebSocketImpl impl)) {
            return;
        }
        try {
            for (ByteBuffer b = impl.outQueue.poll(); b != null; b = impl.outQueue.poll()) {
                socket.getOutputStream().write(b.array(), b.arrayOffset(), b.limit());
            }
            socket.getOutputStream().flush();
        } catch (IOException e) {
            recorder.note(Severity.WARNING, "could not flush queued frames before closing: " + e.getMessage());
        }
    }

    private EngineClient.Events events() {
        return new EngineClient.Events() {
            @Override
            public void opened() {
                timing(Phase.UPGRADE, System.nanoTime() - upgradeStart, "request written → 101 received");
                setState(ConnectionState.OPEN, "");
                openedAt = System.nanoTime();
                opened.countDown();
                startHeartbeat();
            }

            @Override
            public void closed(int code, String reason, boolean remote) {
                onLibraryClosed(code, reason);
            }

            @Override
            public void failed(Exception e) {
                failure = Optional.of(String.valueOf(e.getMessage()));
            }

            @Override
            public void fatal(String why) {
                recorder.note(Severity.ERROR, why);
                failure = Optional.of(why);
            }

            @Override
            public void pinged(byte[] payload) {
                answerPing(payload);
            }
        };
    }

    private void onLibraryClosed(int code, String reason) {
        cancelTimers();
        ConnectionRecorder r = recorder;
        try {
            if (!r.awaitCloseRecorded(TappedSocket.LINGER_MILLIS + 1000L)) {
                r.recordClose(System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r.recordClose(System.nanoTime());
        }
        r.abandonPongWaiters();
        activeStorms.forEach(PingStorm::abandon);
        probe.ifPresent(p -> finishProbe(p, p.ended(log, r.readError())));
        boolean wasOpen = opened.getCount() == 0 && state != ConnectionState.CONNECTING;
        if (!wasOpen) {
            String why = failure.orElse(reason.isEmpty() ? "closed during the handshake (" + code + ")" : reason);
            fail("upgrade failed: " + why);
            return;
        }
        setState(ConnectionState.CLOSED, code + (reason.isEmpty() ? "" : " " + reason));
        if (System.nanoTime() - openedAt > STABLE_NANOS) {
            // Only a connection that stayed up earns a fresh backoff; one that fails at once keeps backing off.
            attempt = 0;
        }
        if (code != CloseFrame.NORMAL && !closeRequested && spec.reconnect().allows(attempt + 1)) {
            reconnect();
            return;
        }
        end();
    }

    /** Nothing more will happen on this connection: no reconnect is coming. */
    private void end() {
        ended.countDown();
        endedFuture.complete(null);
    }

    /** Completes when the connection has ended for good (as {@link #awaitEnded} returns). */
    public CompletableFuture<Void> whenEnded() {
        return endedFuture.copy();
    }

    private void reconnect() {
        attempt++;
        Duration delay = spec.reconnect().delayBefore(attempt, jitter);
        recorder.note(Severity.INFO, "reconnecting in " + delay.toMillis() + " ms (attempt " + attempt + ")");
        opened = new CountDownLatch(1);
        schedule(this::connect, delay.toMillis());
    }

    private void fail(String message) {
        failure = Optional.of(message);
        setState(ConnectionState.FAILED, message);
        opened.countDown();
        if (!closeRequested && spec.reconnect().allows(attempt + 1)) {
            reconnect();
            return;
        }
        end();
    }

    private void startHeartbeat() {
        HeartbeatPolicy policy = spec.heartbeat();
        if (!policy.enabled()) {
            return;
        }
        long every = policy.interval().toMillis();
        synchronized (timers) {
            timers.add(TIMERS.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS));
        }
    }

    private void heartbeat() {
        if (state != ConnectionState.OPEN || probe.isPresent()) {
            return;
        }
        HeartbeatPolicy policy = spec.heartbeat();
        String payload = policy.payloadPrefix() + pings.incrementAndGet();
        try {
            ping(payload.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalStateException e) {
            return;
        }
        ConnectionRecorder r = recorder;
        schedule(() -> {
            if (r.awaitingPong(payload)) {
                r.missed(payload);
                switch (probe.isPresent() ? HeartbeatPolicy.OnMissed.REPORT : policy.onMissed()) {
                    case CLOSE -> close(CloseFrame.GOING_AWAY, "heartbeat: no pong within "
                            + policy.pongTimeout().toMillis() + " ms");
                    case RECONNECT -> {
                        EngineClient c = client;
                        if (c != null) {
                            c.closeConnection(CloseFrame.ABNORMAL_CLOSE, "heartbeat: pong missed");
                        }
                    }
                    default -> { }
                }
            }
        }, policy.pongTimeout().toMillis());
    }

    private void schedule(Runnable task, long delayMillis) {
        synchronized (timers) {
            timers.removeIf(java.util.concurrent.Future::isDone);
            timers.add(TIMERS.schedule(task, delayMillis, TimeUnit.MILLISECONDS));
        }
    }

    private void cancelTimers() {
        synchronized (timers) {
            timers.forEach(t -> t.cancel(false));
            timers.clear();
        }
    }

    private void timing(Phase phase, long durationNanos, String detail) {
        log.append(System.nanoTime(), s -> new CaptureEvent.TimingEvent(s, phase, durationNanos, detail));
    }

    private void setState(ConnectionState next, String detail) {
        state = next;
        log.append(System.nanoTime(), s -> new CaptureEvent.StateEvent(s, next, detail));
    }

    private Draft draft() {
        List<IExtension> extensions = new ArrayList<>();
        List<String> deflateOffers = spec.extensionOffers().stream()
                .filter(o -> o.trim().toLowerCase().startsWith("permessage-deflate")).toList();
        List<String> others = spec.extensionOffers().stream().filter(o -> !deflateOffers.contains(o)).toList();
        if (!deflateOffers.isEmpty()) {
            extensions.add(new DeflateExtension(deflateOffers, spec.maxMessageBytes()));
        }
        others.stream().filter(PerFrameDeflateExtension::handles)
                .forEach(o -> extensions.add(new PerFrameDeflateExtension(o, spec.maxMessageBytes())));
        extensions.addAll(Extensions.forOffers(others.stream().filter(o -> !PerFrameDeflateExtension.handles(o))
                .toList()));
        List<IProtocol> protocols = new ArrayList<>();
        spec.subprotocols().forEach(p -> protocols.add(new Protocol(p)));
        // Accept a response that selects no subprotocol; one we did not offer is still refused (and recorded).
        protocols.add(new Protocol(""));
        return new Draft_6455(extensions, protocols);
    }

    /**
     * Java-WebSocket keeps request headers in a case-insensitive map, so a name can go out only once: repeated
     * names (in any case) are joined into one field as HTTP allows (RFC 9110 §5.3: values joined with ", "; Cookie
     * with "; " as RFC 6265 §5.4 says), under the spelling first given. The tap records the line as sent.
     */
    Map<String, String> headers() {
        Map<String, ConnectionSpec.Header> byName = new LinkedHashMap<>();
        spec.origin().ifPresent(o -> byName.put("origin", new ConnectionSpec.Header("Origin", o)));
        for (ConnectionSpec.Header h : spec.headers()) {
            String key = h.name().toLowerCase(java.util.Locale.ROOT);
            String separator = key.equals("cookie") ? "; " : ", ";
            byName.merge(key, h, (a, b) -> new ConnectionSpec.Header(a.name(), a.value() + separator + b.value()));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        byName.values().forEach(h -> headers.put(h.name(), h.value()));
        return headers;
    }
}
