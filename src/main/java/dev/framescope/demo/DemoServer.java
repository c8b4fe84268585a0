package dev.framescope.demo;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Framescope shows live traffic with no other setup. See {@link DemoScenarios}.
 */
public final class DemoServer extends WebSocketServer implements AutoCloseable {

    public static final int DEFAULT_PORT = 9001;
    private static final int MAX_QUEUED_WRITES = 2_000;

    private final CountDownLatch started = new CountDownLatch(1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-timer");
        t.setDaemon(true);
        return t;
    });
    private final Map<WebSocket, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicLong framesSent = new AtomicLong();
    private volatile Exception startFailure;

    /** Per-connection state: its scenario and the timers it started. */
    private static final class Session {
        final Scenario scenario;
        final List<ScheduledFuture<?>> tasks = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicLong seq = new AtomicLong();
        /** The subprotocol scenarios' conversation; absent for the others. */
        volatile java.util.Optional<Dialogue> dialogue = java.util.Optional.empty();
        /** When the client last sent a frame of any kind (the idle scenario's clock). */
        volatile long lastClientFrame = System.nanoTime();

        Session(Scenario scenario) {
            this.scenario = scenario;
        }
    }

    public DemoServer(int port) {
        super(new InetSocketAddress("127.0.0.1", port), List.<Draft>of(new Draft_6455(List.of(deflate()),
                subprotocols())));
        setReuseAddr(true);
        setConnectionLostTimeout(0);
        setDaemon(true);
        // Pongs and ticks leave at once, as a real server's should; Nagle would hold them for the client's ACK.
        setTcpNoDelay(true);
    }

    /** The library's permessage-deflate, compressing every message (its default skips those under 1 KiB). */
    private static PerMessageDeflateExtension deflate() {
        PerMessageDeflateExtension deflate = new PerMessageDeflateExtension();
        deflate.setThreshold(0);
        return deflate;
    }

    /**
     * The subprotocols the subprotocol scenarios speak, then "" (accept a client that offers none or others).
     * Java-WebSocket picks the first of these the client offered and answers it in {@code Sec-WebSocket-Protocol}.
     */
    private static List<IProtocol> subprotocols() {
        List<IProtocol> protocols = new java.util.ArrayList<>();
        for (String name : Dialogue.SUBPROTOCOLS) {
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
        stop(1000);
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                                                                       ClientHandshake request)
            throws InvalidDataException {
        ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
        if (Scenario.parse(request.getResourceDescriptor()).isEmpty()) {
            // Java-WebSocket answers this with "404 WebSocket Upgrade Failure".
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION,
                    "no demo scenario at " + request.getResourceDescriptor());
        }
        return response;
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        Scenario scenario = Scenario.parse(handshake.getResourceDescriptor()).orElseThrow();
        Session session = new Session(scenario);
        sessions.put(conn, session);
        switch (scenario.name()) {
            case "ticker" -> startTicker(conn, session);
            case "fragmented" -> sendFragments(conn);
            case "compressed" -> sendCompressible(conn, session);
            case "heartbeat" -> session.tasks.add(timer.scheduleAtFixedRate(() -> serverPing(conn, session),
                    scenario.param("interval", 1000), scenario.param("interval", 1000), TimeUnit.MILLISECONDS));
            case "close" -> {
                int code = (int) scenario.param("code", 1000);
                conn.close(code, "demo close " + code);
            }
            case "chaos" -> writeRaw(conn, ChaosScript.stream(), ChaosScript.steps().size() * 2);
            case "encodings" -> sendEncodings(conn);
            case "idle" -> watchIdle(conn, session);
            case "headers" -> {
                send(conn, requestAsJson(handshake));
                closeHeadersAfter(conn, session, 0);
            }
            default -> {
                if (Dialogue.exists(scenario.name())) {
                    Dialogue dialogue = Dialogue.create(scenario.name(), new SessionPeer(conn, session));
                    session.dialogue = java.util.Optional.of(dialogue);
                    converse(conn, dialogue, dialogue::onOpen);
                }
            }
        }
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

        SessionPeer(WebSocket conn, Session session) {
            this.conn = conn;
            this.session = session;
        }

        @Override
        public void send(String text) {
            DemoServer.this.send(conn, text);
        }

        @Override
        public void send(byte[] binary) {
            if (conn.isOpen()) {
                conn.send(binary);
                framesSent.incrementAndGet();
            }
        }

        @Override
        public void later(long millis, Runnable task) {
            session.tasks.removeIf(java.util.concurrent.Future::isDone);
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
        public void close(int code, String reason) {
            conn.close(code, reason);
        }

        @Override
        public long param(String key, long fallback) {
            return session.scenario.param(key, fallback);
        }
    }

    /** One order as JSON (text), then MessagePack, CBOR and protobuf (binary); again on each message you send. */
    private void sendEncodings(WebSocket conn) {
        send(conn, EncodingSamples.json());
        for (byte[] binary : List.of(EncodingSamples.msgpack(), EncodingSamples.cbor(), EncodingSamples.protobuf())) {
            if (conn.isOpen()) {
                conn.send(binary);
                framesSent.incrementAndGet();
            }
        }
    }

    /** {@code /headers?close=CODE&echoes=N}: closes with CODE once N messages were echoed (no CODE: never). */
    private static void closeHeadersAfter(WebSocket conn, Session session, long echoed) {
        int code = (int) session.scenario.param("close", 0);
        if (code > 0 && echoed >= session.scenario.param("echoes", 0)) {
            conn.close(code, "demo headers done");
        }
    }

    /** {"target": "/headers?…", "headers": {"Name": "value", …}} as the server received them. */
    static String requestAsJson(ClientHandshake request) {
        StringBuilder json = new StringBuilder("{\"target\":").append(jsonString(request.getResourceDescriptor()))
                .append(",\"headers\":{");
        java.util.Iterator<String> names = request.iterateHttpFields();
        boolean first = true;
        while (names.hasNext()) {
            String name = names.next();
            json.append(first ? "" : ",").append(jsonString(name)).append(':')
                    .append(jsonString(request.getFieldValue(name)));
            first = false;
        }
        return json.append("}}").toString();
    }

    private static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        Session session = sessions.get(conn);
        if (session == null) {
            return;
        }
        session.lastClientFrame = System.nanoTime();
        if (session.dialogue.isPresent()) {
            converse(conn, session.dialogue.get(), () -> session.dialogue.get().onText(message));
            return;
        }
        switch (session.scenario.name()) {
            case "fragmented" -> sendFragments(conn);
            case "encodings" -> sendEncodings(conn);
            case "compressed", "echo", "heartbeat" -> send(conn, message);
            case "headers" -> {
                send(conn, message);
                closeHeadersAfter(conn, session, session.seq.incrementAndGet());
            }
            default -> { }
        }
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        Session session = sessions.get(conn);
        if (session != null) {
            session.lastClientFrame = System.nanoTime();
        }
        if (session != null && session.dialogue.isPresent()) {
            byte[] bytes = new byte[message.remaining()];
            message.get(bytes);
            converse(conn, session.dialogue.get(), () -> session.dialogue.get().onBinary(bytes));
            return;
        }
        if (session != null && !session.scenario.name().equals("ticker")) {
            conn.send(message);
            framesSent.incrementAndGet();
        }
    }

    @Override
    public void onWebsocketPing(WebSocket conn, Framedata ping) {
        Session session = sessions.get(conn);
        if (session != null) {
            session.lastClientFrame = System.nanoTime();
        }
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
        Session session = sessions.get(conn);
        if (session != null) {
            session.lastClientFrame = System.nanoTime();
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
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

    private void send(WebSocket conn, String text) {
        if (conn.isOpen()) {
            conn.send(text);
            framesSent.incrementAndGet();
        }
    }

    private void sendIfOpen(WebSocket conn, Framedata frame) {
        if (conn.isOpen()) {
            conn.sendFrame(frame);
        }
    }

    /** Sends {@code rate} ticks per second in 1 ms slices; a slow reader makes it wait rather than queue forever. */
    private void startTicker(WebSocket conn, Session session) {
        long rate = Math.max(1, Math.min(session.scenario.param("rate", 10), 100_000));
        long size = Math.max(40, Math.min(session.scenario.param("size", 80), 1 << 20));
        long count = session.scenario.param("count", Long.MAX_VALUE);
        long startNanos = System.nanoTime();
        String padding = "x".repeat((int) size);
        session.tasks.add(timer.scheduleAtFixedRate(() -> {
            long due = Math.min(count, (System.nanoTime() - startNanos) * rate / 1_000_000_000L + 1);
            while (session.seq.get() < due && conn.isOpen() && queued(conn) < MAX_QUEUED_WRITES) {
                long seq = session.seq.incrementAndGet();
                send(conn, tick(seq, (int) size, padding));
            }
            if (session.seq.get() >= count) {
                session.tasks.forEach(t -> t.cancel(false));
            }
        }, 0, 1, TimeUnit.MILLISECONDS));
    }

    /** One ticker message; no String.format: at 50,000 messages/s the demo must not eat the inspector's CPU. */
    static String tick(long seq, int size, String padding) {
        long cents = Math.round((100 + 10 * Math.sin(seq / 50.0)) * 100);
        StringBuilder body = new StringBuilder(size + 8).append("{\"seq\":").append(seq).append(",\"t\":")
                .append(System.currentTimeMillis()).append(",\"price\":").append(cents / 100).append('.')
                .append(cents % 100 < 10 ? "0" : "").append(cents % 100).append(",\"pad\":\"");
        int pad = Math.max(0, size - body.length() - 2);
        return body.append(padding, 0, Math.min(pad, padding.length())).append("\"}").toString();
    }

    private static int queued(WebSocket conn) {
        return conn instanceof WebSocketImpl impl ? impl.outQueue.size() : 0;
    }

    private void sendFragments(WebSocket conn) {
        byte[] text = "This text message travels in three fragments.".getBytes(StandardCharsets.UTF_8);
        conn.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap(text, 0, 10), false);
        conn.sendFrame(pingWith("between fragments"));
        conn.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap(text, 10, 20), false);
        conn.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap(text, 30, text.length - 30), true);
        byte[] binary = new byte[300];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        conn.sendFragmentedFrame(Opcode.BINARY, ByteBuffer.wrap(binary, 0, 150), false);
        conn.sendFragmentedFrame(Opcode.BINARY, ByteBuffer.wrap(binary, 150, 150), true);
        framesSent.addAndGet(6);
    }

    private void sendCompressible(WebSocket conn, Session session) {
        for (int i = 0; i < 3; i++) {
            send(conn, "{\"event\":\"quote\",\"symbol\":\"FSCP\",\"bids\":[100.1,100.0,99.9,99.8],"
                    + "\"asks\":[100.2,100.3,100.4,100.5],\"note\":\"" + "compress me ".repeat(20) + "\",\"n\":"
                    + session.seq.incrementAndGet() + "}");
        }
    }

    /**
     * The idle scenario: after {@code timeout} ms without a frame from the client (message, ping or pong), close with
     * 1001 "idle timeout" — or, with {@code reset=1}, drop TCP with a reset and no close frame, as a proxy might.
     * With {@code ping=N} the server also pings every N ms, so only a client that answers with pongs stays.
     */
    private void watchIdle(WebSocket conn, Session session) {
        long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, session.scenario.param("timeout", 3000)));
        boolean reset = session.scenario.param("reset", 0) == 1;
        long pingEvery = session.scenario.param("ping", 0);
        if (pingEvery > 0) {
            session.tasks.add(timer.scheduleAtFixedRate(() -> serverPing(conn, session), pingEvery, pingEvery,
                    TimeUnit.MILLISECONDS));
        }
        long every = Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(timeoutNanos) / 20));
        session.tasks.add(timer.scheduleAtFixedRate(() -> {
            if (!conn.isOpen() || System.nanoTime() - session.lastClientFrame < timeoutNanos) {
                return;
            }
            session.tasks.forEach(t -> t.cancel(false));
            if (reset) {
                resetTcp(conn);
            } else {
                conn.close(CloseFrame.GOING_AWAY, "idle timeout");
            }
        }, every, every, TimeUnit.MILLISECONDS));
    }

    /** SO_LINGER 0 makes the close an RST rather than a FIN. */
    private static void resetTcp(WebSocket conn) {
        if (conn instanceof WebSocketImpl impl && impl.getChannel() instanceof java.nio.channels.SocketChannel ch) {
            try {
                ch.socket().setSoLinger(true, 0);
            } catch (java.net.SocketException e) {
                // an orderly close then; the client still sees no close frame
            }
            impl.closeConnection(CloseFrame.ABNORMAL_CLOSE, "idle: TCP reset");
        }
    }

    private void serverPing(WebSocket conn, Session session) {
        if (conn.isOpen()) {
            conn.sendFrame(pingWith("server-ping-" + session.seq.incrementAndGet()));
            framesSent.incrementAndGet();
        }
    }

    private static PingFrame pingWith(String payload) {
        PingFrame ping = new PingFrame();
        ping.setPayload(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)));
        return ping;
    }

    /** Writes bytes as they are, bypassing framing: the only way to commit violations on purpose. */
    private void writeRaw(WebSocket conn, byte[] bytes, int frames) {
        if (conn instanceof WebSocketImpl impl) {
            impl.outQueue.add(ByteBuffer.wrap(bytes));
            onWriteDemand(impl);
            framesSent.addAndGet(frames);
        }
    }
}
