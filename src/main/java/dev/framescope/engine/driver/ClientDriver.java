package dev.framescope.engine.driver;

import dev.framescope.engine.Scheduler;
import dev.framescope.wire.ClosePayload;
import dev.framescope.wire.Dissected;
import dev.framescope.wire.Finding;
import dev.framescope.wire.Frame;
import dev.framescope.wire.HandshakeResult;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Severity;
import dev.framescope.wire.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Our WebSocket client (RFC 6455 §4-§7), run over the engine's tapped socket. It writes the upgrade request, then one
 * read thread pumps the socket: the tap records every byte and the dissector hands the driver what it made of them
 * ({@link InboundListener}), so the driver acts on exactly what the capture shows. One {@link WriteQueue} sends our
 * frames in order. What the driver does about a server's violation is its policy: Strict fails the connection with
 * the code the rule names (§7.1.7), Observe keeps going and only the user, the server's close, TCP or a timeout ends
 * it. See the package documentation for why Framescope has a driver of its own.
 *
 * <p>Threads and locks: the read thread calls the listener methods; any thread sends. {@code this} guards the close
 * handshake's fields and is never held while writing or calling out; {@link #sendLock} orders data frames (and the
 * compressor's context) and is held while a data send waits for queue space; control frames never wait for it.
 * Nothing closes the socket on the read thread inside a listener call (the tap is mid-read there): it asks the read
 * loop to, via {@link #hangUp}.
 */
public final class ClientDriver implements ProtocolClient, InboundListener {

    /** The connected socket, its streams tapped. */
    public interface Transport {
        InputStream in() throws IOException;

        OutputStream out() throws IOException;

        /** Closes TCP at once; the driver never calls it during a read's tap call. */
        void close();
    }

    private enum Phase { UPGRADING, OPEN, CLOSING, CLOSED }

    private static final int NEVER_CONNECTED = CloseHandshake.NEVER_CONNECTED;
    private static final int READ_BYTES = 64 * 1024;

    private final Transport transport;
    private final byte[] request;
    private final DriverConfig config;
    private final Scheduler scheduler;
    private final ClientEvents events;
    private final String threadName;
    private final FrameWriter writer = new FrameWriter();
    private final Object sendLock = new Object();
    private final AtomicLong messages = new AtomicLong();
    private WriteQueue writes;
    private Thread reader;

    // Guarded by this (volatile where read without it).
    private volatile Phase phase = Phase.UPGRADING;
    private final CloseHandshake closing = new CloseHandshake();
    private long handshakeDoneNanos;
    private Scheduler.Cancellable closeTimer;
    private Scheduler.Cancellable graceTimer;
    private volatile boolean hangUp;
    /** A refused upgrade's body still to read before hanging up; counted from the read after its head. Read thread. */
    private long refusedBodyLeft;
    private boolean headInThisRead;
    private volatile boolean tcpClosedByUs;

    /**
     * @param headers      the user's header fields, one line each
     * @param offers       extension offers, verbatim
     * @param subprotocols subprotocols offered
     */
    public ClientDriver(Transport transport, URI uri, Map<String, String> headers, List<String> offers,
                        List<String> subprotocols, DriverConfig config, Scheduler scheduler, ClientEvents events,
                        String threadName) {
        this.transport = transport;
        this.request = UpgradeRequest.bytes(uri, UpgradeRequest.newKey(), headers, offers, subprotocols);
        this.config = config;
        this.scheduler = scheduler;
        this.events = events;
        this.threadName = threadName;
    }

    /** Writes the upgrade request and starts reading; returns at once. */
    public void start() throws IOException {
        writes = new WriteQueue(transport.out(), config.maxQueuedBytes(), threadName + "-write", this::writeFailed);
        InputStream in = transport.in();
        reader = new Thread(() -> readLoop(in), threadName + "-read");
        reader.setDaemon(true);
        writes.start();
        writes.add(request, false);
        reader.start();
    }

    private void readLoop(InputStream in) {
        byte[] buffer = new byte[READ_BYTES];
        boolean serverEnded = false;
        try {
            while (!hangUp) {
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    serverEnded = true;
                    break;
                }
                if (headInThisRead) {
                    headInThisRead = false;
                } else if (refusedBodyLeft > 0 && (refusedBodyLeft -= n) <= 0) {
                    hangUp = true;
                }
            }
        } catch (IOException e) {
            // Reset by the server, or our own close of the socket: tcpClosedByUs tells which.
            serverEnded = !tcpClosedByUs;
        }
        finish(serverEnded);
    }

    // ---- what the server sent (read thread, inside the tap) ----

    @Override
    public void upgradeResponse(int status, String reason, Optional<HandshakeResult> result, long bodyToCome) {
        if (status != 101 || result.isEmpty()) {
            refuse(status < 0 ? "the server's answer is not HTTP" : "the server answered " + status + " " + reason
                    + " instead of 101 Switching Protocols");
            if (bodyToCome > 0) {
                awaitRefusedBody(bodyToCome);
            }
            return;
        }
        Optional<Finding> broken = result.get().findings().stream()
                .filter(f -> f.violation() != Violation.HANDSHAKE_REQUEST_INVALID)
                .filter(f -> f.violation().severity() == Severity.ERROR).findFirst();
        if (config.strict() && broken.isPresent()) {
            refuse(CloseReasons.refusal(broken.get()));
            return;
        }
        negotiate(result.get());
        phase = Phase.OPEN;
        events.opened();
    }

    private void refuse(String why) {
        events.failed(why);
        hangUp = true;
    }

    /**
     * Reads on until the refused response's announced body is in (a 403's explanation often comes in a second
     * write), or the close timeout: the capture keeps it.
     */
    private void awaitRefusedBody(long bytes) {
        refusedBodyLeft = bytes;
        headInThisRead = true;
        hangUp = false;
        dropTcpAfterCloseTimeout(() -> true, "the refused response's body did not arrive in full");
    }

    /** Unless the connection is over by then, or no longer {@code waiting}, TCP goes after the close timeout. */
    private void dropTcpAfterCloseTimeout(BooleanSupplier waiting, String what) {
        Scheduler.Cancellable t = scheduler.schedule(() -> {
            if (phase != Phase.CLOSED && waiting.getAsBoolean()) {
                events.note(Severity.WARNING, what + " within " + config.closeTimeout().toMillis()
                        + " ms: dropping the TCP connection");
                closeTcp();
            }
        }, config.closeTimeout().toNanos());
        synchronized (this) {
            closeTimer = t;
        }
    }

    private void negotiate(HandshakeResult result) {
        synchronized (sendLock) {
            writer.negotiate(result);
        }
    }

    @Override
    public void frame(Dissected.FrameItem item) {
        if (phase == Phase.UPGRADING || phase == Phase.CLOSED) {
            return;
        }
        Frame f = item.frame();
        if (config.strict()) {
            Optional<Finding> broken = item.findings().stream()
                    .filter(x -> x.violation().severity() == Severity.ERROR).findFirst();
            if (broken.isPresent()) {
                failWith(broken.get());
            }
        }
        if (f.opcode() == Opcode.CLOSE && f.lastChunk()) {
            closeFrom(f.isWhole() ? f.payload() : new byte[0]);
        } else if (f.opcode() == Opcode.PING && f.isWhole() && f.payload().length <= 125 && answersPings()) {
            events.pinged(f.payload());
        }
    }

    @Override
    public void message(Dissected.MessageItem item) {
        if (item.message().findings().isEmpty()) {
            messages.incrementAndGet();
        }
    }

    private synchronized boolean answersPings() {
        return !closing.sent() && !closing.received();
    }

    /** Strict mode: the first server violation fails the connection (RFC 6455 §7.1.7) with its rule's code. */
    private void failWith(Finding finding) {
        synchronized (this) {
            if (closing.sent()) {
                return;
            }
        }
        int code = CloseReasons.codeFor(finding.violation());
        String reason = CloseReasons.reasonFor(finding);
        events.failed("the server broke a rule: " + reason + " [" + finding.violation().id() + ", "
                + finding.violation().rfcSection() + "]; we closed with " + code);
        if (sendClose(code, reason)) {
            dropTcpAfterCloseTimeout(() -> !closeAnswered(), "no close frame from the server");
        }
    }

    private synchronized boolean closeAnswered() {
        return closing.received();
    }

    /** The server's close frame: answered with its code (RFC 6455 §5.5.1) unless we sent ours already. */
    private void closeFrom(byte[] payload) {
        ClosePayload close = ClosePayload.parse(payload);
        boolean reply;
        synchronized (this) {
            reply = closing.receive(close) && !closing.sent();
        }
        if (reply) {
            sendClose(CloseHandshake.replyCode(close), "");
        }
        handshakeDone();
    }

    // ---- what we send (any thread) ----

    @Override
    public void sendText(String text) {
        sendMessage(Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void sendBinary(byte[] data) {
        sendMessage(Opcode.BINARY, data);
    }

    private void sendMessage(Opcode opcode, byte[] data) {
        synchronized (sendLock) {
            requireSending();
            writes.add(writer.message(opcode, data), true);
        }
    }

    @Override
    public void sendFragments(Opcode opcode, byte[] data, int fragments) {
        int n = Math.max(1, Math.min(fragments, Math.max(1, data.length)));
        int size = (data.length + n - 1) / n;
        synchronized (sendLock) {
            requireSending();
            for (int i = 0; i < n; i++) {
                int from = Math.min(data.length, i * size);
                int to = Math.min(data.length, from + size);
                writes.add(writer.fragment(i == 0 ? opcode : Opcode.CONTINUATION, i == n - 1, data, from, to - from),
                        true);
            }
        }
    }

    @Override
    public void ping(byte[] payload) {
        requireSending();
        writes.add(control(Opcode.PING, payload), false);
    }

    @Override
    public void pong(byte[] payload) {
        requireSending();
        writes.add(control(Opcode.PONG, payload), false);
    }

    @Override
    public void pongIfOpen(byte[] payload) {
        if (phase == Phase.OPEN && answersPings()) {
            writes.add(control(Opcode.PONG, payload), false);
        }
    }

    @Override
    public void sendRaw(byte[] frameBytes) {
        synchronized (sendLock) {
            requireSending();
            writes.add(frameBytes.clone(), true);
        }
    }

    private byte[] control(Opcode opcode, byte[] payload) {
        synchronized (writer) {
            return writer.control(opcode, payload);
        }
    }

    private void requireSending() {
        synchronized (this) {
            if (phase != Phase.OPEN || closing.sent()) {
                throw new IllegalStateException("the connection is not open for sending");
            }
        }
    }

    @Override
    public void close(int code, String reason) {
        if (phase == Phase.UPGRADING) {
            abort("we closed the connection before the upgrade completed");
            return;
        }
        sendClose(code, CloseReasons.fit(reason));
    }

    /** Queues our close frame once; false when one went out already. */
    private boolean sendClose(int code, String reason) {
        byte[] payload = code == NEVER_CONNECTED ? new byte[0] : ClosePayload.encode(code, reason);
        synchronized (sendLock) {
            synchronized (this) {
                if (phase == Phase.CLOSED || !closing.send(code, reason)) {
                    return false;
                }
                phase = Phase.CLOSING;
            }
            writes.add(control(Opcode.CLOSE, payload), false);
        }
        handshakeDone();
        return true;
    }

    /**
     * Both close frames have crossed: the server should now close TCP (RFC 6455 §7.1.1). One that has not within the
     * grace period is recorded ({@link Violation#SERVER_KEPT_TCP_OPEN}) and we close it ourselves.
     */
    private void handshakeDone() {
        synchronized (this) {
            if (!closing.done() || graceTimer != null) {
                return;
            }
            handshakeDoneNanos = scheduler.clock().getAsLong();
            if (closeTimer != null) {
                closeTimer.cancel();
            }
        }
        Scheduler.Cancellable t = scheduler.schedule(this::keptOpen, config.tcpCloseGrace().toNanos());
        synchronized (this) {
            graceTimer = t;
        }
    }

    private void keptOpen() {
        if (phase == Phase.CLOSED || tcpClosedByUs) {
            return;
        }
        long waitedMillis;
        synchronized (this) {
            waitedMillis = (scheduler.clock().getAsLong() - handshakeDoneNanos) / 1_000_000L;
        }
        writes.flush(500);
        events.violation(Finding.at(Violation.SERVER_KEPT_TCP_OPEN, -1, "the server kept TCP open " + waitedMillis
                + " ms after the close handshake; we closed it"));
        closeTcp();
    }

    @Override
    public void abort(String why) {
        synchronized (this) {
            closing.aborted(why);
        }
        closeTcp();
    }

    @Override
    public long messagesDecoded() {
        return messages.get();
    }

    private void writeFailed(IOException e) {
        events.note(Severity.WARNING, "could not write to the server: " + e.getMessage());
        closeTcp();
    }

    /** Closes TCP; on the read thread (inside a tap call) the read loop does it once the read returns. */
    private void closeTcp() {
        if (Thread.currentThread() == reader) {
            hangUp = true;
            return;
        }
        tcpClosedByUs = true;
        if (writes != null) {
            // What was queued before (our close frame, say) goes out first: the peer and the capture see it.
            writes.flush(500);
            writes.stop();
        }
        transport.close();
    }

    /** The read loop is over: the socket is closed (recording the close) and the connection told. */
    private void finish(boolean serverEnded) {
        if (!serverEnded) {
            tcpClosedByUs = true;
        }
        // Frames already queued (a pong, our close reply) still go out, or at least into the capture, as they were
        // sent before the end was known.
        writes.flush(phase != Phase.UPGRADING ? 500 : 0);
        writes.stop();
        transport.close();
        writer.close();
        CloseHandshake.Ending ending;
        synchronized (this) {
            if (closeTimer != null) {
                closeTimer.cancel();
            }
            if (graceTimer != null) {
                graceTimer.cancel();
            }
            ending = closing.ending(phase != Phase.UPGRADING);
            phase = Phase.CLOSED;
        }
        events.closed(ending.code(), ending.reason(), serverEnded);
    }
}
