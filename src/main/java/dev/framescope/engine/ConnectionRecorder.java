package dev.framescope.engine;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.HeartbeatKind;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.Payload;
import dev.framescope.wire.DecoderOptions;
import dev.framescope.wire.Dissected;
import dev.framescope.wire.Finding;
import dev.framescope.engine.driver.InboundListener;
import dev.framescope.wire.HandshakeResponse;
import dev.framescope.wire.HandshakeResult;
import dev.framescope.wire.HttpHead;
import dev.framescope.wire.HttpHeadParser;
import dev.framescope.wire.MessageAssembler;
import dev.framescope.wire.NegotiatedDeflate;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.PlainFrames;
import dev.framescope.wire.Sender;
import dev.framescope.wire.Severity;
import dev.framescope.wire.StreamDissector;
import dev.framescope.wire.Violation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The truth about one connection, from its bytes: each direction's HTTP head ({@link HandshakeRecorder}), then
 * frames and messages through our dissector (plain ones through the {@link PlainFrameBypass}), pings and pongs
 * matched ({@link HeartbeatTracker}), and how it closed ({@link CloseTracker}) — appended to the connection's
 * {@link CaptureLog}.
 *
 * <p>Threads and locks: {@link #sent} runs on the library's write thread, {@link #received} on its read thread (or
 * the closing thread while the socket lingers); each direction's state is guarded by its {@link Side}'s monitor,
 * held for one call, and {@link #sent} holds the server side's too, so that what we send during a read is recorded
 * after that read's frames. The trackers guard themselves. The clock is read only for events that carry no tap stamp
 * (notes, the end of the stream). Nothing here waits for anything but these short locks.
 */
final class ConnectionRecorder implements TappedSocket.WireTap {

    private final CaptureLog log;
    private final long inflateLimit;
    private final LongSupplier clock;
    private final Side out = new Side(Sender.CLIENT);
    private final Side in = new Side(Sender.SERVER);
    private final HandshakeRecorder handshake;
    private final HeartbeatTracker heartbeats = new HeartbeatTracker();
    private final CloseTracker closes = new CloseTracker();
    private final PlainFrameBypass bypass;
    private final CountDownLatch closeRecorded = new CountDownLatch(1);
    private volatile long lastOutboundNanos;
    private volatile Optional<IOException> readError = Optional.empty();
    private volatile boolean closedFirst;
    private volatile InboundListener listener = InboundListener.NONE;

    /** One direction: its head parser until the head is complete, then its dissector. Guarded by itself. */
    private static final class Side {
        final Sender sender;
        final HttpHeadParser head = new HttpHeadParser();
        final List<Dissected> items = new ArrayList<>(2);
        final PlainFrames run = new PlainFrames();
        StreamDissector dissector;
        boolean upgraded;
        volatile boolean headDone;

        Side(Sender sender) {
            this.sender = sender;
        }
    }

    /**
     * @param inflateLimit  inflated bytes allowed per message
     * @param clock         the engine's clock
     * @param bypassAllowed false when the library must read every frame ({@link EngineSettings})
     */
    ConnectionRecorder(CaptureLog log, long inflateLimit, LongSupplier clock, boolean bypassAllowed) {
        this.log = log;
        this.inflateLimit = inflateLimit;
        this.clock = clock;
        this.handshake = new HandshakeRecorder(log);
        this.bypass = new PlainFrameBypass(bypassAllowed);
    }

    /** The driver that acts on what the server sent: called after each general-path item is recorded. */
    void listen(InboundListener l) {
        listener = l;
    }

    @Override
    public void sent(byte[] b, int off, int len, long nanos) {
        lastOutboundNanos = nanos;
        synchronized (in) { // first, as enableDeflate takes them: see the class comment
            synchronized (out) {
                int from = afterHead(out, b, off, len, nanos);
                if (from >= 0) {
                    dissect(out, ByteBuffer.wrap(b, from, off + len - from), nanos, false);
                }
            }
        }
    }

    @Override
    public void received(byte[] b, int off, int len, long nanos, boolean mayCarry, TappedSocket.ReadSplit split) {
        synchronized (in) {
            int from = afterHead(in, b, off, len, nanos);
            if (from < 0) {
                split.set(len, 0);
                return;
            }
            boolean withhold = bypass.active();
            int carried = dissect(in, ByteBuffer.wrap(b, from, off + len - from), nanos, mayCarry && withhold);
            split.set(withhold ? bypass.compact(b, off, len - carried) : len - carried, carried);
        }
    }

    /**
     * A read the caller forwards unchanged ({@link RelayRecorder}): recorded as {@link #sent} or {@link #received}
     * record it without the bypass, but for an unfinished frame at the end that may prove plain once whole.
     * @return the bytes of that frame left unrecorded, for the caller to offer again with what follows
     */
    int relayed(Sender sender, byte[] b, int off, int len, long nanos) {
        Side side = sender == Sender.CLIENT ? out : in;
        synchronized (side) {
            int from = afterHead(side, b, off, len, nanos);
            return from < 0 ? 0 : dissect(side, ByteBuffer.wrap(b, from, off + len - from), nanos, true);
        }
    }

    /** Feeds the head parser until the head is done; returns where frames start in {@code b}, or -1 for none. */
    private int afterHead(Side side, byte[] b, int off, int len, long nanos) {
        if (side.headDone) {
            if (side.upgraded) {
                return off;
            }
            lateBody(b, off, len, nanos);
            return -1;
        }
        Optional<HttpHead> head = side.head.feed(b, off, len);
        if (head.isEmpty()) {
            return -1;
        }
        byte[] all = side.head.received();
        onHead(side, head.get(), all, nanos);
        side.headDone = true;
        // What followed the head in this read is the first frames' bytes, at the end of b.
        int rest = all.length - head.get().headLength();
        return side.upgraded && rest > 0 ? off + len - rest : -1;
    }

    /** Body bytes of a refused handshake that arrived after its head: kept as a note with the bytes. */
    private void lateBody(byte[] b, int off, int len, long nanos) {
        String text = "more of the refused response's body (" + len + " bytes): "
                + new String(b, off, len, StandardCharsets.UTF_8);
        log.append(nanos, s -> new CaptureEvent.NoteEvent(s, Severity.INFO, text));
    }

    private void onHead(Side side, HttpHead head, byte[] all, long nanos) {
        if (side.sender == Sender.CLIENT) {
            handshake.request(head, all);
            side.upgraded = true;
            side.dissector = dissector(Sender.CLIENT, head);
            return;
        }
        Optional<HandshakeResult> upgrade = handshake.response(head, all, nanos);
        side.upgraded = upgrade.isPresent();
        Optional<HandshakeResponse> parsed = head.asResponse(all);
        upgrade.ifPresent(result -> {
            side.dissector = dissector(Sender.SERVER, head);
            result.deflate().ifPresent(this::enableDeflate);
            bypass.negotiated(result.acceptedExtensions());
            result.acceptedExtensions().stream().filter(e -> PerFrameDeflateExtension.handles(e.name())).findFirst()
                    .ifPresent(e -> enablePerFrameDeflate(!e.has("no_context_takeover")));
        });
        listener.upgradeResponse(parsed.map(HandshakeResponse::status).orElse(-1),
                parsed.map(HandshakeResponse::reason).orElse(""), upgrade, parsed.map(HandshakeRecorder::bodyToCome)
                        .orElse(0L));
    }

    /**
     * The bytes of one message kept whole on the heap (the rest of a bigger one is in its frames): the assembler's
     * default, or a sixteenth of the heap when that is smaller, so that a 200 MiB message on a 96 MiB heap is captured
     * instead of running the read thread out of memory (EngineOutOfMemoryTest).
     */
    static final int RETAINED_MESSAGE_BYTES = (int) Math.min(MessageAssembler.DEFAULT_RETAINED_BYTES,
            Runtime.getRuntime().maxMemory() / 16);

    private static StreamDissector dissector(Sender sender, HttpHead head) {
        return new StreamDissector(sender, DecoderOptions.defaults().withStartOffset(head.headLength()),
                RETAINED_MESSAGE_BYTES);
    }

    private void enableDeflate(NegotiatedDeflate d) {
        in.dissector.enableDeflate(d.serverToClient().windowBits(), d.serverToClient().contextTakeover(), inflateLimit);
        synchronized (out) {
            out.dissector.enableDeflate(d.clientToServer().windowBits(), d.clientToServer().contextTakeover(),
                    inflateLimit);
        }
    }

    private void enablePerFrameDeflate(boolean contextTakeover) {
        in.dissector.enablePerFrameDeflate(contextTakeover, inflateLimit);
        synchronized (out) {
            out.dissector.enablePerFrameDeflate(true, inflateLimit);
        }
    }

    /**
     * Plain frames are recorded compactly (the server's through the {@link PlainFrameBypass}); everything else goes
     * through the dissector's general path, one frame at a time. When {@code mayCarry}, an unfinished frame at
     * the end that may prove plain once whole is left for the next read.
     *
     * @return the bytes left at the end for the next read
     */
    private int dissect(Side side, ByteBuffer bytes, long nanos, boolean mayCarry) {
        while (bytes.hasRemaining()) {
            if (side == in) {
                bypass.take(side.dissector, bytes, nanos, log);
            } else if (side.dissector.takeMaskedPlainFrames(bytes, side.run) > 0) {
                log.appendPlainFrames(nanos, side.run); // kept masked: the relay's thread neither unmasks nor copies
            }
            if (mayCarry && side.dissector.plainFrameUnfinished(bytes)) {
                return bytes.remaining();
            }
            side.items.clear();
            if (!bytes.hasRemaining() || !side.dissector.feedOne(bytes, side.items)) {
                return 0;
            }
            record(side, side.items, nanos);
        }
        return 0;
    }

    private void record(Side side, List<Dissected> items, long nanos) {
        Direction dir = Direction.of(side.sender);
        // A message of one frame shares the frame's stored bytes (or its inflated bytes) instead of a second copy.
        Payload last = null;
        byte[] lastBytes = null;
        for (Dissected item : items) {
            if (item instanceof Dissected.FrameItem f) {
                var payload = log.payloads().store(f.frame().payload());
                var inflated = f.inflated().map(log.payloads()::store);
                last = inflated.orElse(payload);
                lastBytes = f.inflated().orElse(f.frame().payload());
                log.append(nanos, s -> new CaptureEvent.FrameEvent(s, dir, f.frame().header(), f.frame().chunkOffset(),
                        f.frame().lastChunk(), payload, f.messageOpcode(), inflated, f.findings()));
                if (f.frame().isWhole() && f.frame().opcode().isControl()) {
                    control(dir, f.frame().opcode(), f.frame().payload(), f.frame().header().streamOffset(), nanos);
                }
                if (side == in) {
                    listener.frame(f);
                }
            } else if (item instanceof Dissected.MessageItem m) {
                byte[] data = m.message().payload();
                Payload stored = data == lastBytes ? last : log.payloads().store(data);
                log.append(nanos, s -> new CaptureEvent.MessageEvent(s, dir, m.message(), stored));
                if (side == in) {
                    listener.message(m);
                }
            }
        }
    }

    /** Pings and pongs go to the heartbeat tracker (RFC 6455 §5.5.3), close frames to the close tracker. */
    private void control(Direction dir, Opcode opcode, byte[] payload, long offset, long nanos) {
        if (opcode == Opcode.PING) {
            heartbeat(heartbeats.ping(dir, PingPayload.of(payload), nanos), payload, offset, nanos);
        } else if (opcode == Opcode.PONG) {
            heartbeat(heartbeats.pong(dir, PingPayload.of(payload), nanos), payload, offset, nanos);
        } else if (opcode == Opcode.CLOSE) {
            closes.closeFrame(dir, payload, nanos);
        }
    }

    private void heartbeat(HeartbeatTracker.Seen seen, byte[] payload, long offset, long nanos) {
        log.append(nanos, s -> new CaptureEvent.HeartbeatEvent(s, seen.kind(), payload, seen.rttNanos()));
        seen.mismatch().ifPresent(why -> log.append(nanos, s -> new CaptureEvent.ViolationEvent(s, Direction.IN,
                Finding.at(Violation.PONG_PAYLOAD_MISMATCH, offset, why))));
        seen.settle();
    }

    @Override
    public void ended(Sender sender, Optional<IOException> cause) {
        Side side = sender == Sender.CLIENT ? out : in;
        long now = clock.getAsLong();
        synchronized (side) {
            if (side.dissector != null) {
                for (Finding f : side.dissector.endOfStream()) {
                    log.append(now, s -> new CaptureEvent.ViolationEvent(s, Direction.of(sender), f));
                }
            }
        }
        if (sender == Sender.SERVER) {
            readError = cause;
            cause.ifPresent(e -> note(Severity.WARNING, "connection error while reading: " + e.getMessage()));
            // After the server's close frame our reply may still be on its way out; the socket's close records then.
            if (!closes.replyPending()) {
                recordClose(now);
            }
        }
    }

    @Override
    public void closingFirst() {
        closedFirst = true;
    }

    @Override
    public void closed() {
        recordClose(clock.getAsLong());
    }

    /**
     * Whether more may come that an inspector must see: the server's close frame after ours, or the rest of a
     * refused handshake's body (Java-WebSocket stops reading after the status line).
     */
    @Override
    public boolean awaitingPeerClose() {
        return closes.awaitingServerClose() || in.headDone && !upgraded(in);
    }

    private static boolean upgraded(Side side) {
        synchronized (side) {
            return side.upgraded;
        }
    }

    /**
     * The connection is over: waits for the socket's close to be recorded (the linger for the server's close frame),
     * records it at {@code now} if it never was, and lets go of any pong still awaited.
     */
    void settleClose(LongSupplier now) {
        try {
            if (!awaitCloseRecorded(TappedSocket.LINGER_MILLIS + 1000L)) {
                recordClose(now.getAsLong());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            recordClose(now.getAsLong());
        }
        abandonPongWaiters();
    }

    /** Waits until the close has been recorded (the socket may linger for the server's close frame). */
    boolean awaitCloseRecorded(long millis) throws InterruptedException {
        return closeRecorded.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Records the close once: clean when both close frames crossed, else ABNORMAL_CLOSURE (RFC 6455 §7.1.5). */
    void recordClose(long nanos) {
        try {
            closes.summarise(nanos).filter(s -> upgraded(in)).ifPresent(s -> recordClose(s, nanos));
        } finally {
            closeRecorded.countDown();
        }
    }

    /**
     * No close frame from the server is its fault (ABNORMAL_CLOSURE, RFC 6455 §7.1.5) when it ended TCP, or left our
     * close frame unanswered; when we closed TCP without sending one (the library failing the connection, an upgrade
     * cancelled), it is ours, and the server is not blamed.
     */
    private void recordClose(CloseTracker.Summary summary, long nanos) {
        long offset = Math.max(0, streamOffset(in));
        if (summary.received().isEmpty() && closedFirst && summary.sent().isEmpty()) {
            log.append(nanos, s -> new CaptureEvent.NoteEvent(s, Severity.INFO, "we closed the TCP connection after "
                    + offset + " bytes from the server, without a close frame (1006, abnormal); the server did not "
                    + "end it"));
        } else if (summary.received().isEmpty()) {
            log.append(nanos, s -> new CaptureEvent.ViolationEvent(s, Direction.IN, Finding.at(
                    Violation.ABNORMAL_CLOSURE, offset, closedFirst ? "the server did not answer our close frame; we "
                            + "closed TCP after " + offset + " bytes from the server"
                            : "TCP ended after " + offset + " bytes without a close frame from the server")));
        }
        // Pings nobody answered are reported, not forgotten: the close summary counts them.
        for (HeartbeatTracker.Unanswered u : heartbeats.unanswered(nanos)) {
            log.append(nanos, s -> new CaptureEvent.HeartbeatEvent(s, u.dir() == Direction.OUT
                    ? HeartbeatKind.PING_UNANSWERED : HeartbeatKind.SERVER_PING_UNANSWERED, u.payload().bytes(),
                    OptionalLong.of(u.ageNanos())));
        }
        log.append(nanos, s -> new CaptureEvent.CloseEvent(s, summary.initiator(), summary.sentCode(),
                summary.sentReason(), summary.receivedCode(), summary.receivedReason(), summary.clean(),
                summary.handshakeNanos()));
    }

    private static long streamOffset(Side side) {
        synchronized (side) {
            return side.dissector == null ? -1 : side.dissector.streamOffset();
        }
    }

    /** A rule broken outside any frame (the close handshake's aftermath), recorded as the server's. */
    void violation(Finding finding) {
        log.append(clock.getAsLong(), s -> new CaptureEvent.ViolationEvent(s, Direction.IN, finding));
    }

    void note(Severity level, String text) {
        log.append(clock.getAsLong(), s -> new CaptureEvent.NoteEvent(s, level, text));
    }

    /** Whether our ping with this payload is still waiting for its pong. */
    boolean awaitingPong(PingPayload payload) {
        return heartbeats.awaitingPong(payload);
    }

    /** Marks a ping as missed so a late pong counts as unsolicited. */
    void missed(PingPayload payload) {
        HeartbeatTracker.Missed missed = heartbeats.missed(payload);
        if (missed.wasWaiting()) {
            log.append(clock.getAsLong(), s -> new CaptureEvent.HeartbeatEvent(s, HeartbeatKind.PONG_MISSED,
                    payload.bytes(), OptionalLong.empty()));
        }
        missed.settle();
    }

    /** The round trip once the pong to our ping with this payload arrives; empty if missed. Register first. */
    CompletableFuture<OptionalLong> pongFor(PingPayload payload) {
        return heartbeats.roundTrip(payload);
    }

    /** See {@link HeartbeatTracker#answering}. */
    void answering(byte[] pingPayload, byte[] pongPayload) {
        heartbeats.answering(PingPayload.of(pingPayload), PingPayload.of(pongPayload));
    }

    /** The connection is over: storms waiting for pongs stop waiting (their pings count as missed). */
    void abandonPongWaiters() {
        heartbeats.abandonWaiters().forEach(w -> w.complete(OptionalLong.empty()));
    }

    /** When the tap last saw a byte of ours leave (0 before any). */
    long lastOutboundNanos() {
        return lastOutboundNanos;
    }

    /** The error that ended the server's stream (a TCP reset, say); empty for an orderly end or none yet. */
    Optional<IOException> readError() {
        return readError;
    }
}
