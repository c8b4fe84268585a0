package dev.framescope.demo;

import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.framing.PongFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;

/**
 * The built-in demo endpoint: a loopback WebSocket server (Java-WebSocket) whose request path picks a scenario, so
 * Framescope shows live traffic with no other setup. See {@link DemoScenario}.
 */
public final class DemoServer extends WebSocketServer implements AutoCloseable {

    public static final int DEFAULT_PORT = 9001;

    private final CountDownLatch started = new CountDownLatch(1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-timer");
        t.setDaemon(true);
        return t;
    });
    private final Map<WebSocket, Session> sessions = new ConcurrentHashMap<>();
    /**
     * When each upgrade was answered, on the {@link #clock}: a session's silence counts from there, before the client
     * can see the 101, so a client that moves its (virtual) clock right after opening is measured from the start.
     */
    private final Map<WebSocket, Long> upgradedAt = new ConcurrentHashMap<>();
    private final AtomicLong framesSent = new AtomicLong();
    /** What the idle scenario measures silence on: the client's clock when both live in one process. */
    private final LongSupplier clock;
    private volatile Exception startFailure;

    /** Per-connection state: its scenario, its dialogue and the timers it started. */
    private static final class Session {
        final ScenarioRequest scenario;
        final List<ScheduledFuture<?>> tasks = new CopyOnWriteArrayList<>();
        /** Set right after the dialogue is made, before any frame from the client can reach it. */
        volatile Optional<Dialogue> dialogue = Optional.empty();
        /** When the client last sent a frame of any kind, on the server's {@link #clock}. */
        volatile long lastClientFrame;

        Session(ScenarioRequest scenario, long now) {
            this.scenario = scenario;
            this.lastClientFrame = now;
        }
    }

    public DemoServer(int port) {
        this(port, System::nanoTime);
    }

    /**
     * @param clock what the idle scenario measures the client's silence on, in nanoseconds: an in-process client's
     *              own clock (the engine's, a virtual one in tests), so both sides agree on how long it was idle
     */
    public DemoServer(int port, LongSupplier clock) {
        super(new InetSocketAddress("127.0.0.1", port), List.<Draft>of(new Draft_6455(List.of(deflate()),
                subprotocols())));
        setReuseAddr(true);
        setConnectionLostTimeout(0);
        setDaemon(true);
        // Pongs and ticks leave at once, as a real server's should; Nagle would hold them for the client's ACK.
        setTcpNoDelay(true);
        this.clock = clock;
    }

    /** The library's permessage-deflate, compressing every message (its default skips those under 1 KiB). */
    private static PerMessageDeflateExtension deflate() {
        PerMessageDeflateExtension deflate = new PerMessageDeflateExtension();
        deflate.setThreshold(0);
        return deflate;
    }

    /**
     * The subprotocols the scenarios speak ({@link DemoScenario#subprotocols()}), then "" (accept a client that
     * offers none or others).
     * Java-WebSocket picks the first of these the client offered and answers it in {@code Sec-WebSocket-Protocol}.
     */
    private static List<IProtocol> subprotocols() {
        List<IProtocol> protocols = new ArrayList<>();
        for (String name : DemoScenario.allSubprotocols()) {
            protocols.add(new Protocol(name));
        }
        protocols.add(new Protocol(""));
        return protocols;
    }

    /** Starts and waits until the port is bound. */
    public DemoServer startAndWait() throws InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the demo server did not start within 10 s");
        }
        if (startFailure != null) {
            throw new IllegalStateException("the demo server could not start: " + startFailure.getMessage(),
                    startFailure);
        }
        return this;
    }

    public URI uri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + getPort() + pathAndQuery);
    }

    /** Frames the server has sent, all connections together (the load tests compare it with what was captured). */
    public long framesSent() {
        return framesSent.get();
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        try {
            stop(1000);
        } catch (ClosedSelectorException e) {
            // Java-WebSocket 1.6.0: when the last client's close ends the selector thread while stop() still closes
            // the others, its onWriteDemand meets the closed selector (it catches only CancelledKeyException). The
            // selector thread has closed the listening socket and the workers on its way out: all is stopped.
        }
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                                                                       ClientHandshake request)
            throws InvalidDataException {
        ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
        if (ScenarioRequest.parse(request.getResourceDescriptor()).isEmpty()) {
            // Java-WebSocket answers this with "404 WebSocket Upgrade Failure".
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION,
                    "no demo scenario at " + request.getResourceDescriptor());
        }
        upgradedAt.put(conn, clock.getAsLong());
        return response;
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        ScenarioRequest scenario = ScenarioRequest.parse(handshake.getResourceDescriptor()).orElseThrow();
        Long answered = upgradedAt.remove(conn);
        Session session = new Session(scenario, answered != null ? answered : clock.getAsLong());
        sessions.put(conn, session);
        Dialogue dialogue = scenario.kind().open(new SessionPeer(conn, session, handshake));
        session.dialogue = Optional.of(dialogue);
        converse(conn, dialogue, dialogue::onOpen);
    }

    /** Runs one step of a dialogue: one at a time per connection, a broken step closes with 1011. */
    private static void converse(WebSocket conn, Dialogue dialogue, Runnable step) {
        synchronized (dialogue) {
            try {
                step.run();
            } catch (RuntimeException e) {
                if (conn.isOpen()) {
                    conn.close(CloseFrame.UNEXPECTED_CONDITION, "demo dialogue failed: " + e);
                }
            }
        }
    }

    /** A dialogue's handle on its connection. */
    private final class SessionPeer implements Dialogue.Peer {
        private final WebSocket conn;
        private final Session session;
        private final ClientHandshake request;

        SessionPeer(WebSocket conn, Session session, ClientHandshake request) {
            this.conn = conn;
            this.session = session;
            this.request = request;
        }

        @Override
        public boolean isOpen() {
            return conn.isOpen();
        }

        @Override
        public void send(String text) {
            if (conn.isOpen()) {
                conn.send(text);
                framesSent.incrementAndGet();
            }
        }

        @Override
        public void send(byte[] binary) {
            if (conn.isOpen()) {
                conn.send(binary);
                framesSent.incrementAndGet();
            }
        }

        @Override
        public void sendFragment(boolean binary, byte[] bytes, int offset, int length, boolean fin) {
            if (conn.isOpen()) {
                conn.sendFragmentedFrame(binary ? Opcode.BINARY : Opcode.TEXT, ByteBuffer.wrap(bytes, offset, length),
                        fin);
                framesSent.incrementAndGet();
            }
        }

        @Override
        public void ping(String payload) {
            if (conn.isOpen()) {
                PingFrame ping = new PingFrame();
                ping.setPayload(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)));
                conn.sendFrame(ping);
                framesSent.incrementAndGet();
            }
        }

        @Override
        public void writeRaw(byte[] bytes, int frames) {
            if (conn instanceof WebSocketImpl impl) {
                impl.outQueue.add(ByteBuffer.wrap(bytes));
                onWriteDemand(impl);
                framesSent.addAndGet(frames);
            }
        }

        @Override
        public int queuedWrites() {
            return conn instanceof WebSocketImpl impl ? impl.outQueue.size() : 0;
        }

        @Override
        public void later(long millis, Runnable task) {
            session.tasks.removeIf(Future::isDone);
            session.tasks.add(timer.schedule(() -> step(task), millis, TimeUnit.MILLISECONDS));
        }

        @Override
        public void every(long millis, Runnable task) {
            session.tasks.add(timer.scheduleAtFixedRate(() -> step(task), millis, millis, TimeUnit.MILLISECONDS));
        }

        private void step(Runnable task) {
            if (conn.isOpen()) {
                session.dialogue.ifPresent(d -> converse(conn, d, task));
            }
        }

        @Override
        public void stopTimers() {
            session.tasks.forEach(t -> t.cancel(false));
        }

        @Override
        public void close(int code, String reason) {
            conn.close(code, reason);
        }

        /** SO_LINGER 0 makes the close an RST rather than a FIN. */
        @Override
        public void resetTcp() {
            if (conn instanceof WebSocketImpl impl && impl.getChannel() instanceof SocketChannel ch) {
                try {
                    ch.socket().setSoLinger(true, 0);
                } catch (SocketException e) {
                    // an orderly close then; the client still sees no close frame
                }
                impl.closeConnection(CloseFrame.ABNORMAL_CLOSE, "idle: TCP reset");
            }
        }

        @Override
        public long idleNanos() {
            return clock.getAsLong() - session.lastClientFrame;
        }

        @Override
        public long param(String key, long fallback) {
            return session.scenario.param(key, fallback);
        }

        @Override
        public String requestTarget() {
            return request.getResourceDescriptor();
        }

        @Override
        public Map<String, String> requestHeaders() {
            Map<String, String> headers = new LinkedHashMap<>();
            request.iterateHttpFields().forEachRemaining(name -> headers.put(name, request.getFieldValue(name)));
            return headers;
        }
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        Session session = heard(conn);
        if (session != null) {
            session.dialogue.ifPresent(d -> converse(conn, d, () -> d.onText(message)));
        }
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        Session session = heard(conn);
        if (session != null) {
            byte[] bytes = new byte[message.remaining()];
            message.get(bytes);
            session.dialogue.ifPresent(d -> converse(conn, d, () -> d.onBinary(bytes)));
        }
    }

    /** The connection's session, its clock of client frames moved on; null once closed. */
    private Session heard(WebSocket conn) {
        Session session = sessions.get(conn);
        if (session != null) {
            session.lastClientFrame = clock.getAsLong();
        }
        return session;
    }

    @Override
    public void onWebsocketPing(WebSocket conn, Framedata ping) {
        Session session = heard(conn);
        long delay = session == null ? 0 : session.scenario.param("pongDelay", 0);
        PongFrame pong = new PongFrame((PingFrame) ping);
        if (delay <= 0) {
            conn.sendFrame(pong);
        } else {
            timer.schedule(() -> sendIfOpen(conn, pong), delay, TimeUnit.MILLISECONDS);
        }
        framesSent.incrementAndGet();
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata pong) {
        heard(conn);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        upgradedAt.remove(conn);
        Session session = sessions.remove(conn);
        if (session != null) {
            session.tasks.forEach(t -> t.cancel(false));
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            startFailure = ex;
            started.countDown();
        }
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    private void sendIfOpen(WebSocket conn, Framedata frame) {
        if (conn.isOpen()) {
            conn.sendFrame(frame);
        }
    }
}
