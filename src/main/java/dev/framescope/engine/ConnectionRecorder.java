package dev.framescope.engine;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.HeartbeatKind;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.Payload;
import dev.framescope.wire.ClosePayload;
import dev.framescope.wire.DecoderOptions;
import dev.framescope.wire.Dissected;
import dev.framescope.wire.Finding;
import dev.framescope.wire.HandshakeChecker;
import dev.framescope.wire.HandshakeRequest;
import dev.framescope.wire.HandshakeResponse;
import dev.framescope.wire.HandshakeResult;
import dev.framescope.wire.HttpHead;
import dev.framescope.wire.HttpHeadParser;
import dev.framescope.wire.MessageAssembler;
import dev.framescope.wire.NegotiatedDeflate;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import dev.framescope.wire.Severity;
import dev.framescope.wire.StreamDissector;
import dev.framescope.wire.Violation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The truth about one connection, from its bytes: each direction's HTTP head, then frames and messages through our
 * dissector, heartbeats matched by payload, and how it closed — appended to the connection's {@link CaptureLog}.
 * Called on the I/O thread that read or wrote the bytes; never waits for anything but its own short locks.
 */
final class ConnectionRecorder implements TappedSocket.WireTap {

    private final CaptureLog log;
    private final long inflateLimit;
    private final Side out = new Side(Sender.CLIENT);
    private final Side in = new Side(Sender.SERVER);
    private final Map<String, Long> pingsSent = new ConcurrentHashMap<>();
    private final Map<String, Long> pingsReceived = new ConcurrentHashMap<>();
    /** Server pings we answer with another payload (pong mode "custom payload"), by that payload, oldest first. */
    private final Map<String, java.util.Queue<Long>> answersByPayload = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<OptionalLong>> pongWaiters = new ConcurrentHashMap<>();
    private volatile long lastOutboundNanos;
    private volatile Optional<IOException> readError = Optional.empty();
    private volatile Optional<HandshakeRequest> request = Optional.empty();
    private volatile boolean closeRecorded;
    private final java.util.concurrent.CountDownLatch closeLatch = new java.util.concurrent.CountDownLatch(1);
    private volatile Optional<ClosePayload> closeSent = Optional.empty();
    private volatile Optional<ClosePayload> closeReceived = Optional.empty();
    private volatile long firstCloseNanos;
    private volatile Optional<CaptureEvent.Initiator> initiator = Optional.empty();
    /** Whether the library is spared the server's plain frames (see {@link TappedSocket.WireTap#bytes}). */
    private volatile boolean withholdPlainFrames;
    private final Withheld withheld = new Withheld();

    /**
     * Turns withholding off: Java-WebSocket then reads every frame again, as it would without Framescope (for
     * comparison and as an escape hatch).
     */
    static final String LIBRARY_READS_EVERY_FRAME = "framescope.libraryReadsEveryFrame";

    /** One direction: its head parser until the head is complete, then its dissector. */
    private final class Side {
        final Sender sender;
        final HttpHeadParser head = new HttpHeadParser();
        StreamDissector dissector;
        boolean upgraded;
        boolean headDone;

        Side(Sender sender) {
            this.sender = sender;
        }
    }

    ConnectionRecorder(CaptureLog log, long inflateLimit) {
        this.log = log;
        this.inflateLimit = inflateLimit;
    }

    CaptureLog log() {
        return log;
    }

    @Override
    public long bytes(Sender sender, byte[] b, int off, int len, long nanos, boolean mayCarry) {
        Side side = sender == Sender.CLIENT ? out : in;
        if (sender == Sender.CLIENT) {
            lastOutboundNanos = nanos;
        }
        synchronized (side) {
            int from = off;
            if (!side.headDone) {
                Optional<HttpHead> head = side.head.feed(b, off, len);
                if (head.isEmpty()) {
                    return TappedSocket.WireTap.result(len, 0);
                }
                side.headDone = true;
                byte[] all = side.head.received();
                onHead(side, head.get(), all, nanos);
                // What followed the head in this read is the first frames' bytes, at the end of b.
                int rest = all.length - head.get().headLength();
                if (!side.upgraded || rest == 0) {
                    return TappedSocket.WireTap.result(len, 0);
                }
                from = off + len - rest;
            } else if (!side.upgraded) {
                lateBody(b, off, len, nanos);
                return TappedSocket.WireTap.result(len, 0);
            }
            Withheld w = side == in && withholdPlainFrames ? withheld : null;
            int carried = dissect(side, ByteBuffer.wrap(b, from, off + len - from), nanos, w, mayCarry && w != null);
            int kept = w == null ? len - carried : w.compact(b, off, len - carried);
            return TappedSocket.WireTap.result(kept, carried);
        }
    }

    /** Body bytes of a refused handshake that arrived after its head: kept as a note with the bytes. */
    private void lateBody(byte[] b, int off, int len, long nanos) {
        String text = new String(b, off, len, StandardCharsets.UTF_8);
        log.append(nanos, s -> new CaptureEvent.NoteEvent(s, Severity.INFO, "more of the refused response's body ("
                + len + " bytes): " + text));
    }

    @Override
    public void ended(Sender sender, Optional<IOException> cause) {
        Side side = sender == Sender.CLIENT ? out : in;
        long now = System.nanoTime();
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
            if (!(closeReceived.isPresent() && closeSent.isEmpty())) {
                recordClose(now);
            }
        }
    }

    @Override
    public void closed() {
        recordClose(System.nanoTime());
    }

    /**
     * Whether more may come that an inspector must see: the server's close frame after ours, or the rest of a
     * refused handshake's body (Java-WebSocket stops reading after the status line).
     */
    @Override
    public boolean awaitingPeerClose() {
        return closeSent.isPresent() && closeReceived.isEmpty() || in.headDone && !in.upgraded;
    }

    /** Waits until the close has been recorded (the socket may linger for the server's close frame). */
    boolean awaitCloseRecorded(long millis) throws InterruptedException {
        return closeLatch.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Records the close once: clean when both close frames crossed, else ABNORMAL_CLOSURE (RFC 6455 §7.1.5). */
    void recordClose(long nanos) {
        synchronized (this) {
            if (closeRecorded) {
                return;
            }
            closeRecorded = true;
        }
        try {
            recordUpgradedClose(nanos);
        } finally {
            closeLatch.countDown();
        }
    }

    private void recordUpgradedClose(long nanos) {
        if (!in.upgraded) {
            return;
        }
        boolean clean = closeSent.isPresent() && closeReceived.isPresent();
        if (closeReceived.isEmpty()) {
            log.append(nanos, s -> new CaptureEvent.ViolationEvent(s, Direction.IN, Finding.at(
                    Violation.ABNORMAL_CLOSURE, in.dissector == null ? -1 : in.dissector.streamOffset(),
                    "TCP ended after " + (in.dissector == null ? 0 : in.dissector.streamOffset())
                            + " bytes without a close frame from the server")));
        }
        OptionalLong handshake = clean ? OptionalLong.of(nanos - firstCloseNanos) : OptionalLong.empty();
        log.append(nanos, s -> new CaptureEvent.CloseEvent(s, initiator.orElse(CaptureEvent.Initiator.NONE),
                code(closeSent), reason(closeSent), code(closeReceived), reason(closeReceived), clean, handshake));
    }

    private static OptionalInt code(Optional<ClosePayload> p) {
        return p.map(ClosePayload::code).orElse(OptionalInt.empty());
    }

    private static String reason(Optional<ClosePayload> p) {
        return p.map(ClosePayload::reason).orElse("");
    }

    void note(Severity level, String text) {
        log.append(System.nanoTime(), s -> new CaptureEvent.NoteEvent(s, level, text));
    }

    private void onHead(Side side, HttpHead head, byte[] all, long nanos) {
        if (side.sender == Sender.CLIENT) {
            request = head.asRequest(all);
            side.upgraded = true;
            side.dissector = new StreamDissector(Sender.CLIENT,
                    DecoderOptions.defaults().withStartOffset(head.headLength()), MessageAssembler.DEFAULT_RETAINED_BYTES);
            return;
        }
        Optional<HandshakeResponse> response = head.asResponse(all);
        HandshakeRequest req = request.orElse(new HandshakeRequest("GET", "?", "HTTP/1.1",
                new dev.framescope.wire.HttpHeaders(List.of()), new byte[0]));
        if (response.isEmpty()) {
            log.append(nanos, s -> new CaptureEvent.HandshakeEvent(s, req.raw(), Arrays.copyOf(all, head.headLength()),
                    new byte[0], 0, "", Optional.empty(), Optional.empty(), "", "", head.findings()));
            return;
        }
        HandshakeResult result = HandshakeChecker.check(req, response.get());
        HandshakeResponse r = response.get();
        String offered = String.join(", ", req.headers().all("Sec-WebSocket-Extensions"));
        String accepted = String.join(", ", r.headers().all("Sec-WebSocket-Extensions"));
        List<Finding> findings = new java.util.ArrayList<>(head.findings());
        findings.addAll(result.findings());
        log.append(nanos, s -> new CaptureEvent.HandshakeEvent(s, req.raw(), r.raw(), r.body(), r.status(),
                result.expectedAccept(), result.receivedAccept(), result.subprotocol(), offered, accepted, findings));
        if (!offered.isEmpty() || !accepted.isEmpty()) {
            List<String> effects = result.deflate().map(NegotiatedDeflate::effects).orElse(List.of());
            List<Finding> negotiation = result.deflate().map(NegotiatedDeflate::findings).orElse(List.of());
            log.append(nanos, s -> new CaptureEvent.NegotiationEvent(s, offered, accepted, effects, negotiation));
        }
        side.upgraded = r.isSwitchingProtocols();
        if (side.upgraded) {
            side.dissector = new StreamDissector(Sender.SERVER,
                    DecoderOptions.defaults().withStartOffset(head.headLength()), MessageAssembler.DEFAULT_RETAINED_BYTES);
            result.deflate().ifPresent(d -> enableDeflate(d));
            // A user's extension (SPI) may transform any frame inside the library, so it must see them all.
            withholdPlainFrames = !Boolean.getBoolean(LIBRARY_READS_EVERY_FRAME)
                    && result.acceptedExtensions().stream().allMatch(e -> e.name().equalsIgnoreCase("permessage-deflate")
                            || PerFrameDeflateExtension.handles(e.name()));
            result.acceptedExtensions().stream().filter(e -> PerFrameDeflateExtension.handles(e.name())).findFirst()
                    .ifPresent(e -> enablePerFrameDeflate(!e.has("no_context_takeover")));
        }
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
     * Plain frames go into the log compactly ({@link CaptureLog#appendPlainFrames}, noted in {@code withheld} when
     * given); everything else through the dissector's general path, one frame at a time. When {@code mayCarry},
     * an unfinished frame at the end that may prove plain once whole is left for the next read.
     *
     * @return the bytes left at the end for the next read
     */
    private int dissect(Side side, ByteBuffer bytes, long nanos, Withheld withheld, boolean mayCarry) {
        List<Dissected> items = new java.util.ArrayList<>(2);
        while (bytes.hasRemaining()) {
            int start = bytes.position();
            int plain = log.appendPlainFrames(nanos, side.dissector, bytes);
            if (plain > 0 && withheld != null) {
                withheld.add(start, start + plain);
            }
            if (mayCarry && side.dissector.plainFrameUnfinished(bytes)) {
                return bytes.remaining();
            }
            items.clear();
            if (!bytes.hasRemaining() || !side.dissector.feedOne(bytes, items)) {
                return 0;
            }
            record(side, items, nanos);
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
                    control(dir, f.frame().opcode(), f.frame().payload(), nanos);
                }
            } else if (item instanceof Dissected.MessageItem m) {
                byte[] data = m.message().payload();
                Payload stored = data == lastBytes ? last : log.payloads().store(data);
                log.append(nanos, s -> new CaptureEvent.MessageEvent(s, dir, m.message(), stored));
            }
        }
    }

    /** Byte ranges of one read that the library is spared, and the read's bytes without them. */
    private static final class Withheld {
        private int[] ranges = new int[16];
        private int count;

        void add(int start, int end) {
            if (count > 0 && ranges[count - 1] == start) {
                ranges[count - 1] = end;
                return;
            }
            if (count == ranges.length) {
                ranges = Arrays.copyOf(ranges, count * 2);
            }
            ranges[count++] = start;
            ranges[count++] = end;
        }

        /** Moves the bytes outside the ranges to the front of {@code b[off..off+len)}; returns how many; resets. */
        int compact(byte[] b, int off, int len) {
            if (count == 0) {
                return len;
            }
            int write = off;
            int read = off;
            for (int i = 0; i < count; i += 2) {
                int keep = ranges[i] - read;
                System.arraycopy(b, read, b, write, keep);
                write += keep;
                read = ranges[i + 1];
            }
            System.arraycopy(b, read, b, write, off + len - read);
            write += off + len - read;
            count = 0;
            return write - off;
        }
    }

    /** Pings and pongs matched by payload (RFC 6455 §5.5.3); close frames noted for the close summary. */
    private void control(Direction dir, Opcode opcode, byte[] payload, long nanos) {
        String key = new String(payload, StandardCharsets.ISO_8859_1);
        if (opcode == Opcode.PING) {
            (dir == Direction.OUT ? pingsSent : pingsReceived).put(key, nanos);
            heartbeat(dir == Direction.OUT ? HeartbeatKind.PING_SENT : HeartbeatKind.SERVER_PING, payload,
                    OptionalLong.empty(), nanos);
        } else if (opcode == Opcode.PONG) {
            Long pinged = (dir == Direction.IN ? pingsSent : pingsReceived).remove(key);
            if (pinged == null && dir == Direction.OUT) {
                pinged = Optional.ofNullable(answersByPayload.get(key)).map(java.util.Queue::poll).orElse(null);
            }
            HeartbeatKind kind = dir == Direction.OUT ? HeartbeatKind.PONG_SENT
                    : pinged == null ? HeartbeatKind.UNSOLICITED_PONG : HeartbeatKind.PONG_RECEIVED;
            OptionalLong rtt = pinged == null ? OptionalLong.empty() : OptionalLong.of(nanos - pinged);
            heartbeat(kind, payload, rtt, nanos);
            if (kind == HeartbeatKind.PONG_RECEIVED) {
                Optional.ofNullable(pongWaiters.remove(key)).ifPresent(w -> w.complete(rtt));
            }
        } else if (opcode == Opcode.CLOSE) {
            ClosePayload close = ClosePayload.parse(payload);
            if (initiator.isEmpty()) {
                initiator = Optional.of(dir == Direction.OUT ? CaptureEvent.Initiator.CLIENT
                        : CaptureEvent.Initiator.SERVER);
                firstCloseNanos = nanos;
            }
            if (dir == Direction.OUT) {
                closeSent = Optional.of(close);
            } else {
                closeReceived = Optional.of(close);
            }
        }
    }

    private void heartbeat(HeartbeatKind kind, byte[] payload, OptionalLong rtt, long nanos) {
        log.append(nanos, s -> new CaptureEvent.HeartbeatEvent(s, kind, payload, rtt));
    }

    /** Whether our ping with this payload is still waiting for its pong. */
    boolean awaitingPong(String payload) {
        return pingsSent.containsKey(payload);
    }

    /** Marks a ping as missed so a late pong counts as unsolicited. */
    void missed(String payload) {
        if (pingsSent.remove(payload) != null) {
            heartbeat(HeartbeatKind.PONG_MISSED, payload.getBytes(StandardCharsets.ISO_8859_1), OptionalLong.empty(),
                    System.nanoTime());
        }
        Optional.ofNullable(pongWaiters.remove(payload)).ifPresent(w -> w.complete(OptionalLong.empty()));
    }

    /**
     * Completes with the round trip when the pong to our ping with this payload (ISO-8859-1 as a key) arrives, or
     * empty when it is {@linkplain #missed missed}. Register before sending the ping.
     */
    CompletableFuture<OptionalLong> pongFor(String payload) {
        return pongWaiters.computeIfAbsent(payload, k -> new CompletableFuture<>());
    }

    /**
     * The server's ping with {@code pingPayload} is about to be answered with {@code pongPayload} instead of its own
     * data: the pong leaving the tap is then matched to that ping, so its answer time is still recorded.
     */
    void answering(byte[] pingPayload, byte[] pongPayload) {
        Long pinged = pingsReceived.remove(new String(pingPayload, StandardCharsets.ISO_8859_1));
        if (pinged != null) {
            answersByPayload.computeIfAbsent(new String(pongPayload, StandardCharsets.ISO_8859_1),
                    k -> new java.util.concurrent.ConcurrentLinkedQueue<>()).add(pinged);
        }
    }

    /** The connection is over: storms waiting for pongs stop waiting (their pings count as missed). */
    void abandonPongWaiters() {
        pongWaiters.values().forEach(w -> w.complete(OptionalLong.empty()));
        pongWaiters.clear();
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
