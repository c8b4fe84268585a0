package dev.framescope.proxy;

import dev.framescope.engine.Scheduler;
import dev.framescope.wire.Dissected;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.Message;
import dev.framescope.wire.NegotiatedDeflate;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import dev.framescope.wire.Severity;
import dev.framescope.wire.StreamDissector;
import dev.framescope.wire.Violation;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One direction of a gated WebSocket: the bytes {@code from} sends, framed by a dissector of its own, forwarded
 * frame by frame unless a breakpoint holds a message. While a message is held, later frames this way queue behind
 * it in order, except pings and pongs no rule names (never held) and the frames of a message still arriving. A
 * data message a rule may hold is gathered whole (its frames wait until its last) so its payload can be matched.
 * Injected data messages wait for a message boundary on the wire ({@link WaitingInjections}). While nothing can be
 * held, bytes pass unread but for the frame headers ({@link PassThrough}); compressed messages are re-sent
 * uncompressed after an edit or a drop when the sender keeps its window ({@link GateCompression}).
 *
 * <p>Threads: {@link #accept} runs on the relay's thread for this direction; releases, injections and closes come
 * from others (the window's background executor, the scheduler for a timeout). All state is guarded by
 * {@code this}, held while writing to the receiver.
 */
final class DirectionGate {

    private enum Mode { HEAD, FRAMES, RAW }

    /** A whole frame as it arrived, with its unmasked payload (for control frames; data payloads come whole). */
    private record Unit(FrameHeader header, byte[] raw, byte[] payload) {
    }

    private final Interception conn;
    private final Sender from;
    private final OutputStream out;
    private StreamDissector dissector;
    private Mode mode;
    private final GateCompression compression;
    private final PassThrough through = new PassThrough();
    private byte[] pending = new byte[64 * 1024];
    private int pendingLength;
    private long pendingStart;
    private final List<Unit> candidate = new ArrayList<>();
    private boolean collecting;
    private final List<Object> queue = new ArrayList<>();
    private Optional<HeldMessage> held = Optional.empty();
    private Optional<Scheduler.Cancellable> timer = Optional.empty();
    private final WaitingInjections injections = new WaitingInjections();
    private boolean stopped;

    /** @param startOffset where this direction's frames start in its stream (after the HTTP head) */
    DirectionGate(Interception conn, Sender from, OutputStream out, long startOffset) {
        this.conn = conn;
        this.from = from;
        this.out = out;
        this.mode = from == Sender.SERVER ? Mode.HEAD : Mode.FRAMES;
        this.pendingStart = startOffset;
        this.compression = new GateCompression(from);
        this.dissector = compression.dissector(startOffset);
    }

    Interception connection() {
        return conn;
    }

    /** The handshake settled permessage-deflate for this direction's sender. */
    synchronized void deflate(NegotiatedDeflate.Direction direction, long inflateLimit) {
        compression.deflate(direction, inflateLimit);
        inflating();
    }

    /** A per-frame deflate extension was negotiated: edits go uncompressed (see docs/proxy.md). */
    synchronized void perFrameDeflate(boolean contextTakeover, long inflateLimit) {
        compression.perFrameDeflate(contextTakeover, inflateLimit);
        inflating();
    }

    /** With context takeover every message is dissected, so that the inflater keeps the sender's window. */
    private void inflating() {
        if (through.on() && compression.keepsContext()) {
            through.stop();
            dissector = compression.dissector(pendingStart);
        } else {
            compression.enable(dissector);
        }
    }

    /** No WebSocket after all (the server refused the upgrade): bytes are copied unread. */
    synchronized void raw() {
        mode = Mode.RAW;
    }

    /** Bytes {@code from} sent, as read: forwarded now, or as the gate decides. */
    synchronized void accept(byte[] b, int n) throws IOException {
        int off = 0;
        if (mode == Mode.HEAD) {
            off = conn.serverHead(b, n);
            out.write(b, 0, off);
            if (mode == Mode.HEAD) {
                out.flush();
                return;
            }
        }
        if (stopped) {
            return;
        }
        if (mode == Mode.RAW) {
            out.write(b, off, n - off);
            out.flush();
            return;
        }
        if (!through.on() && pendingLength == 0 && !injections.open() && passable()) {
            through.start();
        }
        if (through.on()) {
            int stop = through.pass(b, off, n - off, out, new PassThrough.Boundary() {
                @Override
                public boolean quiet() {
                    return injections.none() && passable();
                }

                @Override
                public boolean reached() throws IOException {
                    injections.boundary(out);
                    return passable();
                }
            });
            pendingStart += stop - off;
            if (!through.on()) {
                dissector = compression.dissector(pendingStart);
                frames(b, stop, n - stop);
            }
        } else {
            frames(b, off, n - off);
        }
        out.flush();
    }

    /** Nothing gathered, held or queued, no rule, no re-sending and no window to keep: bytes may pass unread. */
    private boolean passable() {
        return held.isEmpty() && queue.isEmpty() && !collecting && !compression.resend()
                && !compression.keepsContext() && !conn.mayHoldAny();
    }

    /** The server's response head is read ({@code headLength} bytes): frames follow, or not. */
    void headDone(boolean upgraded, int headLength) {
        mode = upgraded ? Mode.FRAMES : Mode.RAW;
        pendingStart = headLength;
        dissector = compression.dissector(headLength);
    }

    private void frames(byte[] b, int off, int len) throws IOException {
        if (pendingLength + len > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + len));
        }
        System.arraycopy(b, off, pending, pendingLength, len);
        pendingLength += len;
        long consumed = pendingStart;
        for (Dissected item : dissector.feed(b, off, len)) {
            if (item instanceof Dissected.FrameItem f) {
                if (f.findings().stream().anyMatch(x -> x.violation() == Violation.DESYNCHRONIZED)) {
                    desynchronized(consumed);
                    return;
                }
                if (!f.frame().lastChunk()) {
                    continue;
                }
                FrameHeader h = f.frame().header();
                int start = (int) (h.streamOffset() - pendingStart);
                int end = (int) (h.endOffset() - pendingStart);
                onFrame(new Unit(h, Arrays.copyOfRange(pending, start, end), f.frame().payload()));
                consumed = h.endOffset();
            } else if (item instanceof Dissected.MessageItem m) {
                onMessage(m.message());
            }
        }
        int drop = (int) (consumed - pendingStart);
        System.arraycopy(pending, drop, pending, 0, pendingLength - drop);
        pendingLength -= drop;
        pendingStart = consumed;
    }

    /** The stream can no longer be framed: what is gathered goes on, and from here bytes are copied unread. */
    private void desynchronized(long consumed) throws IOException {
        flushCandidate();
        out.write(pending, (int) (consumed - pendingStart), pendingLength - (int) (consumed - pendingStart));
        pendingLength = 0;
        mode = Mode.RAW;
        conn.note(Severity.WARNING, HoldNotes.desynchronized(from));
    }

    private void onFrame(Unit u) throws IOException {
        if (stopped) {
            return;
        }
        Opcode op = u.header().opcode();
        if (op.isControl()) {
            control(u);
            return;
        }
        if (held.isPresent() || !queue.isEmpty()) {
            queue.add(u);
            return;
        }
        if (collecting) {
            if (op == Opcode.CONTINUATION) {
                candidate.add(u);
                return;
            }
            flushCandidate();
        }
        if ((op == Opcode.TEXT || op == Opcode.BINARY) && (conn.mayHold(from, op) || compression.resend() && u.header().rsv1())) {
            candidate.add(u);
            collecting = true;
            return;
        }
        writeFrame(u);
    }

    private void control(Unit u) throws IOException {
        Opcode op = u.header().opcode();
        Optional<BreakRule> rule = conn.mayHold(from, op) ? conn.matching(from, op, u.payload()) : Optional.empty();
        boolean behind = held.isPresent() || !queue.isEmpty();
        if (rule.isPresent() || op == Opcode.CLOSE && behind) {
            if (op == Opcode.CLOSE && collecting) {
                flushCandidate();
            }
            if (behind) {
                queue.add(u);
            } else {
                Message m = new Message(from, op, u.header().streamOffset(), 1, u.payload().length, false,
                        u.payload().length, u.payload(), List.of());
                hold(m, List.of(u), rule.get());
            }
            return;
        }
        if (op == Opcode.CLOSE && collecting) {
            flushCandidate();
        }
        writeFrame(u);
    }

    private void onMessage(Message m) throws IOException {
        if (stopped) {
            return;
        }
        if (held.isPresent() || !queue.isEmpty()) {
            queue.add(m);
            return;
        }
        if (!collecting) {
            return;
        }
        List<Unit> frames = List.copyOf(candidate);
        candidate.clear();
        collecting = false;
        Optional<BreakRule> rule = conn.matching(from, m.opcode(), m.payload());
        if (rule.isPresent()) {
            hold(m, frames, rule.get());
        } else if (compression.resend() && m.compressed()) {
            resent(m, frames);
        } else {
            for (Unit u : frames) {
                writeFrame(u);
            }
        }
    }

    private void hold(Message m, List<Unit> frames, BreakRule rule) {
        HeldMessage h = new HeldMessage(this, conn.nextHoldId(), m, frames.stream().map(Unit::header).toList(),
                frames.stream().map(Unit::raw).toList(), rule);
        held = Optional.of(h);
        long timeout = conn.breakpoints().holdTimeout().toNanos();
        conn.note(Severity.WARNING, HoldNotes.held(h, timeout));
        timer = Optional.of(conn.breakpoints().scheduler().schedule(() -> release(h, HeldMessage.Outcome.TIMED_OUT,
                new byte[0]), timeout));
        conn.breakpoints().listener().held(h);
    }

    /** Ends a hold as the user (or the timeout) decided; false when {@code h} is no longer held. */
    synchronized boolean release(HeldMessage h, HeldMessage.Outcome how, byte[] replacement) {
        if (held.isEmpty() || held.get() != h) {
            return false;
        }
        if (how == HeldMessage.Outcome.EDITED && h.opcode().isControl() && replacement.length > 125) {
            throw new IllegalArgumentException("a control frame's payload is at most 125 bytes, not "
                    + replacement.length);
        }
        if (!h.settle(how)) {
            return false;
        }
        held = Optional.empty();
        timer.ifPresent(Scheduler.Cancellable::cancel);
        try {
            switch (how) {
                case FORWARDED, TIMED_OUT -> {
                    forwardUnchanged(h);
                    conn.note(Severity.INFO, HoldNotes.forwarded(h, how == HeldMessage.Outcome.TIMED_OUT));
                }
                case EDITED -> edited(h, replacement);
                default -> {
                    conn.note(Severity.WARNING, HoldNotes.dropped(h));
                    conn.recordDrop(h);
                    diverged(h);
                }
            }
            replayQueue();
            out.flush();
        } catch (IOException e) {
            conn.note(Severity.WARNING, HoldNotes.undeliverable(from, e));
        }
        conn.breakpoints().listener().resolved(h);
        return true;
    }

    private void forwardUnchanged(HeldMessage h) throws IOException {
        if (compression.resend() && h.compressed()) {
            resent(h.message(), List.of());
            return;
        }
        List<byte[]> raw = h.raw();
        for (int i = 0; i < raw.size(); i++) {
            writeFrame(new Unit(h.frames().get(i), raw.get(i), new byte[0]));
        }
    }

    private void edited(HeldMessage h, byte[] replacement) throws IOException {
        Reframer.Framed framed = compression.reframe(h, replacement);
        out.write(framed.bytes());
        if (!h.opcode().isControl()) {
            injections.boundary(out);
        }
        conn.note(Severity.WARNING, HoldNotes.edited(h, replacement, framed));
        conn.recordEdit(h, framed, replacement);
        diverged(h);
    }

    /** After an edit or a drop: does the receiver's inflater still follow the sender's compressor? */
    private void diverged(HeldMessage h) {
        if (compression.diverged(h)) {
            conn.note(Severity.WARNING, HoldNotes.diverged(from));
        }
    }

    private void resent(Message m, List<Unit> frames) throws IOException {
        if (m.truncated()) {
            conn.note(Severity.ERROR, HoldNotes.tooLarge(m));
            for (Unit u : frames) {
                writeFrame(u);
            }
            return;
        }
        Reframer.Framed framed = Reframer.uncompressed(from, m.opcode(), m.payload());
        out.write(framed.bytes());
        injections.boundary(out);
        conn.recordResent(from, m, framed);
    }

    private void replayQueue() throws IOException {
        List<Object> items = new ArrayList<>(queue);
        queue.clear();
        for (int i = 0; i < items.size(); i++) {
            if (held.isPresent()) {
                queue.addAll(items.subList(i, items.size()));
                return;
            }
            Object item = items.get(i);
            if (item instanceof Unit u) {
                onFrame(u);
            } else {
                onMessage((Message) item);
            }
        }
    }

    private void flushCandidate() throws IOException {
        for (Unit u : candidate) {
            writeFrame(u);
        }
        candidate.clear();
        collecting = false;
    }

    private void writeFrame(Unit u) throws IOException {
        out.write(u.raw());
        injections.written(u.header(), out);
    }

    /**
     * Sends a frame of the proxy's own toward the receiver: a control frame at once, a data message at the
     * next message boundary. False when this direction has ended.
     */
    synchronized boolean inject(byte[] frame, boolean data) throws IOException {
        if (stopped) {
            return false;
        }
        injections.inject(frame, data, through.on() && !through.atMessageBoundary(), out);
        return true;
    }

    /** The user closed the connection: the close frame goes now, nothing more from {@code from} is forwarded. */
    synchronized void closeByUser(byte[] closeFrame) throws IOException {
        settleGone(HeldMessage.Outcome.CLOSED, "");
        stopped = true;
        out.write(closeFrame);
        out.flush();
    }

    /** {@code from} ended its stream (or the relay did): a hold still waiting cannot be delivered. */
    synchronized void ended() {
        if (stopped) {
            return;
        }
        settleGone(HeldMessage.Outcome.GONE, HoldNotes.who(from) + " went away");
        try {
            flushCandidate();
            out.write(pending, 0, pendingLength);
            pendingLength = 0;
            out.flush();
        } catch (IOException e) {
            // The receiver is gone too; the recorder has every byte.
        }
        stopped = true;
    }

    private void settleGone(HeldMessage.Outcome how, String why) {
        Optional<HeldMessage> h = held;
        held = Optional.empty();
        timer.ifPresent(Scheduler.Cancellable::cancel);
        int behind = (int) queue.stream().filter(Unit.class::isInstance).count();
        queue.clear();
        if (h.isPresent() && h.get().settle(how)) {
            conn.recordDrop(h.get());
            if (how == HeldMessage.Outcome.GONE) {
                conn.note(Severity.ERROR, HoldNotes.gone(h.get(), why, behind));
            }
            conn.breakpoints().listener().resolved(h.get());
        }
    }
}
