package dev.framescope.replay;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.PayloadStore;
import dev.framescope.engine.WireReplay;
import dev.framescope.wire.Severity;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketListener;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;

/**
 * A recorded connection's server side, served to any number of clients, each with its own {@link MockCursor}. It
 * answers the handshake with the recorded subprotocol (and permessage-deflate when the recording had it), sends the
 * recorded unprompted messages on their schedule, answers each client message as recorded, applies the
 * {@link UnmatchedPolicy} otherwise, and answers pings (the library does). Each client's connection is captured
 * into a log of its own, frame-exact ({@link TappedChannel}), as a connection of our own would be; a client that
 * breaks a rule is closed with that rule's code and words ({@link ClientViolations}).
 */
public final class MockServer extends WebSocketServer implements AutoCloseable {

    /** A client message nothing matched. */
    public record Unmatched(long client, String message) {
    }

    /** A client the mock closed because it broke a rule: the close code and reason it was sent. */
    public record Failed(long client, int code, String reason) {
    }

    /** Makes the log a client's traffic is captured into, stamped with {@link System#nanoTime}. */
    @FunctionalInterface
    public interface Logs {
        CaptureLog open(long client, String label);

        /** Each client's log on a heap budget of its own (the command line). */
        Logs OWN = (client, label) -> new CaptureLog(client, label, new PayloadStore(PayloadStore.DEFAULT_BUDGET));
    }

    private final MockScript script;
    private final MockCursor.Match match;
    private final List<JsonMask> masks;
    private final UnmatchedPolicy policy;
    private final boolean immediate;
    private final Logs logFactory;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "framescope-mock-timer");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicLong clients = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();
    private final List<CaptureLog> logs = new CopyOnWriteArrayList<>();
    private final List<Unmatched> unmatched = new CopyOnWriteArrayList<>();
    private final List<Failed> failed = new CopyOnWriteArrayList<>();
    private volatile Exception startFailure;
    private volatile boolean exactFrames;

    /** One client: its number, its place in the recording and its capture. */
    private static final class Client {
        final long number;
        final MockCursor cursor;
        final CaptureLog log;
        final ClientViolations violations;
        volatile boolean opened;

        Client(long number, MockCursor cursor, CaptureLog log) {
            this.number = number;
            this.cursor = cursor;
            this.log = log;
            this.violations = new ClientViolations(log);
        }
    }

    /**
     * The library's connection to one client, failing it in words: when the library finds a frame it must refuse,
     * the close says the rule the client's capture shows broken ({@link ClientViolations}), not the library's text.
     */
    private final class MockSocket extends WebSocketImpl {

        MockSocket(WebSocketListener listener, Draft draft) {
            super(listener, draft);
        }

        MockSocket(WebSocketListener listener, List<Draft> drafts) {
            super(listener, drafts);
        }

        @Override
        public void close(InvalidDataException e) {
            Client client = getAttachment();
            if (client == null) {
                super.close(e);
                return;
            }
            ClientViolations.Failure failure = client.violations.failure(e.getCloseCode());
            failed.add(new Failed(client.number, failure.code(), failure.reason()));
            close(failure.code(), failure.reason(), false);
        }
    }

    /**
     * @param immediate send answers at once instead of after their recorded delay
     */
    public MockServer(InetSocketAddress address, MockScript script, MockCursor.Match match, List<JsonMask> masks,
                      UnmatchedPolicy policy, boolean immediate) {
        this(address, script, match, masks, policy, immediate, Logs.OWN);
    }

    /**
     * @param immediate send answers at once instead of after their recorded delay
     * @param logs      where each client's capture goes (a window puts them on its connection list)
     */
    public MockServer(InetSocketAddress address, MockScript script, MockCursor.Match match, List<JsonMask> masks,
                      UnmatchedPolicy policy, boolean immediate, Logs logs) {
        super(address, List.<Draft>of(draft(script.recording())));
        this.script = script;
        this.match = match;
        this.masks = List.copyOf(masks);
        this.policy = policy;
        this.immediate = immediate;
        this.logFactory = logs;
        setReuseAddr(true);
        setDaemon(true);
        setTcpNoDelay(true);
        setConnectionLostTimeout(0);
        setWebSocketFactory(new WebSocketServerFactory() {
            @Override
            public WebSocketImpl createWebSocket(WebSocketAdapter a, Draft d) {
                return new MockSocket(a, d);
            }

            @Override
            public WebSocketImpl createWebSocket(WebSocketAdapter a, List<Draft> d) {
                return new MockSocket(a, d);
            }

            @Override
            public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) {
                return tapped(channel, (WebSocket) key.attachment());
            }

            @Override
            public void close() {
            }
        });
    }

    /**
     * A client's socket, captured from its first byte: the log is made when TCP is accepted, so a client that never
     * completes the upgrade (or sends garbage) is captured too.
     */
    private ByteChannel tapped(SocketChannel channel, WebSocket conn) {
        long number = clients.incrementAndGet();
        String peer = String.valueOf(channel.socket().getRemoteSocketAddress()).replaceFirst("^/", "");
        CaptureLog log = logFactory.open(number, "mock client " + number + " " + peer);
        log.append(System.nanoTime(), s -> new CaptureEvent.NoteEvent(s, Severity.INFO, "served by the mock of "
                + script.recording().label()));
        logs.add(log);
        conn.setAttachment(new Client(number, new MockCursor(script, match, masks), log));
        return new TappedChannel(channel, new WireReplay(log));
    }

    private static Draft draft(Recording recording) {
        List<IExtension> extensions = new ArrayList<>();
        RecordedDeflate.of(recording.extensions()).ifPresent(extensions::add);
        List<IProtocol> protocols = new ArrayList<>();
        recording.subprotocol().ifPresent(p -> protocols.add(new Protocol(p)));
        protocols.add(new Protocol(""));
        return new Draft_6455(extensions, protocols);
    }

    /**
     * Serve the recorded server frames as they were — fragments, RSV bits, compressed payloads, the pings among
     * them — rather than messages the library frames ({@link ServedFrames} says when a message cannot keep them).
     * Call before starting.
     */
    public MockServer exactFrames(boolean on) {
        exactFrames = on;
        return this;
    }

    /** Starts and waits until the port is bound. */
    public MockServer startAndWait() throws ReplayException, InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS) || startFailure != null) {
            throw new ReplayException("the mock could not listen on " + getAddress().getHostString() + ":"
                    + getAddress().getPort() + (startFailure == null ? "" : ": " + startFailure.getMessage()));
        }
        return this;
    }

    /** Each client's capture, in the order they connected. */
    public List<CaptureLog> logs() {
        return List.copyOf(logs);
    }

    /** How many clients have come and gone. */
    public long clientsEnded() {
        return ended.get();
    }

    public List<Unmatched> unmatched() {
        return List.copyOf(unmatched);
    }

    /** The clients closed for breaking a rule, in the order they were. */
    public List<Failed> failed() {
        return List.copyOf(failed);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        Client client = conn.getAttachment();
        client.opened = true;
        for (MockScript.Timed t : script.opening()) {
            later(conn, t, t.delayNanos());
        }
        long lastMessage = script.recording().server().isEmpty() ? Long.MIN_VALUE
                : script.recording().server().get(script.recording().server().size() - 1).nanos();
        for (MockScript.TimedPing p : script.pings()) {
            if (exactFrames && p.delayNanos() + script.recording().openNanos() <= lastMessage) {
                continue; // sent among the frames of the message that followed it
            }
            timer.schedule(() -> ping(conn, p.payload()), p.delayNanos(), TimeUnit.NANOSECONDS);
        }
        script.closing().filter(c -> c.cue() < 0).ifPresent(c -> closeLater(conn, c));
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        received(conn, Content.of(true, message.getBytes(StandardCharsets.UTF_8), stomp()));
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        byte[] bytes = new byte[message.remaining()];
        message.get(bytes);
        received(conn, Content.of(false, bytes, false));
    }

    private boolean stomp() {
        return script.recording().subprotocol().map(p -> p.toLowerCase(Locale.ROOT).contains("stomp")).orElse(false);
    }

    private void received(WebSocket conn, Content got) {
        Client client = conn.getAttachment();
        if (client.violations.first().isPresent()) {
            // A rule the library lets through (an unmasked frame, RFC 6455 §5.1): a server must fail the client.
            ClientViolations.Failure failure = client.violations.failure(CloseFrame.PROTOCOL_ERROR);
            failed.add(new Failed(client.number, failure.code(), failure.reason()));
            conn.close(failure.code(), failure.reason());
            return;
        }
        var answers = client.cursor.answer(got);
        if (answers.isPresent()) {
            answers.get().forEach(t -> later(conn, t, immediate ? 0 : t.delayNanos()));
            int matched = client.cursor.lastIndex();
            script.closing().filter(c -> c.cue() == matched).ifPresent(c -> closeLater(conn, c));
            return;
        }
        unmatched.add(new Unmatched(client.number, got.preview()));
        switch (policy.kind()) {
            case CLOSE -> conn.close(1008, UnmatchedPolicy.CLOSE_REASON);
            case REPLY -> send(conn, Content.of(true, policy.reply().getBytes(StandardCharsets.UTF_8), false));
            default -> { }
        }
    }

    private void later(WebSocket conn, MockScript.Timed t, long delayNanos) {
        if (delayNanos <= 0) {
            send(conn, t);
        } else {
            timer.schedule(() -> send(conn, t), delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A recorded message: as its recorded frames when serving frame-exact and they can carry it, else as one. */
    private void send(WebSocket conn, MockScript.Timed t) {
        Optional<List<WireFrame>> frames = exactFrames ? ServedFrames.of(t,
                ServedFrames.serverContextTakeover(script.recording().extensions())) : Optional.empty();
        if (frames.isEmpty()) {
            send(conn, t.content());
            return;
        }
        if (!conn.isOpen()) {
            return;
        }
        Client client = conn.getAttachment();
        synchronized (client) {
            // The library frames only what it sends itself; ours go to its write queue as they are.
            WebSocketImpl socket = (WebSocketImpl) conn;
            frames.get().forEach(f -> socket.outQueue.add(ByteBuffer.wrap(f.serverBytes())));
            onWriteDemand(conn);
        }
    }

    /** The recorded server close, its delay after its cue kept (or at once, after the answers, when immediate). */
    private void closeLater(WebSocket conn, MockScript.Closing c) {
        // 1005 means the recorded close frame had no code: a close frame may not carry it (RFC 6455 §7.4.1).
        Runnable close = () -> conn.close(c.code() == 1005 ? 1000 : c.code(), c.reason());
        long delay = immediate && c.cue() >= 0 ? 0 : c.delayNanos();
        if (delay == 0) {
            close.run();
        } else {
            timer.schedule(close, delay, TimeUnit.NANOSECONDS);
        }
    }

    /** A recorded server ping, with its payload. */
    private static void ping(WebSocket conn, byte[] payload) {
        if (conn.isOpen()) {
            PingFrame frame = new PingFrame();
            frame.setPayload(ByteBuffer.wrap(payload));
            conn.sendFrame(frame);
        }
    }

    private void send(WebSocket conn, Content content) {
        if (!conn.isOpen()) {
            return;
        }
        Client client = conn.getAttachment();
        synchronized (client) {
            if (content.text()) {
                conn.send(new String(content.bytes(), StandardCharsets.UTF_8));
            } else {
                conn.send(content.bytes());
            }
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        // The client's log stays for the caller to show or save.
        Client client = conn.getAttachment();
        if (client != null && client.opened) {
            ended.incrementAndGet();
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

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        stop(1000);
    }
}
