package dev.framescope.engine;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.CaptureEvent.MessageEvent;
import dev.framescope.capture.CaptureEvent.RelayMark;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.Payload;
import dev.framescope.capture.Stamp;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.Message;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What the intercepting proxy sent instead of (or besides) what a peer sent, in the capture: the frame it wrote as a
 * frame event and a message event of the sender's direction, and {@link CaptureEvent.RelayEvent}s that mark those
 * and the original's events. The original was recorded as it arrived, before the proxy's gate saw it; it is found
 * again by its stream offset.
 */
final class RelayMarking {

    /** Events read back per step while looking for a held message's events (usually among the last few). */
    private static final int STEP = 1024;

    private final CaptureLog log;
    private final LongSupplier clock;

    RelayMarking(CaptureLog log, LongSupplier clock) {
        this.log = log;
        this.clock = clock;
    }

    /**
     * The events of the data message from {@code from} whose first frame starts at {@code start} in its stream: its
     * frames (every chunk) and then its message event; its frames alone for a control frame; empty when the capture
     * does not hold it.
     */
    List<Long> recorded(Sender from, long start) {
        Direction dir = Direction.of(from);
        List<Long> found = new ArrayList<>();
        boolean messageFound = false;
        for (int to = log.size(); to > 0; to -= STEP) {
            int first = Math.max(0, to - STEP);
            List<CaptureEvent> batch = log.readFrom(first, to - first);
            for (int i = batch.size() - 1; i >= 0; i--) {
                CaptureEvent e = batch.get(i);
                if (log.relayMark(e.seq()).filter(CaptureEvent.RelayEvent::forwarded).isPresent()) {
                    continue;
                }
                if (e instanceof MessageEvent m && m.dir() == dir && m.header().startOffset() == start
                        && m.header().frameCount() > 0 && !messageFound) {
                    found.clear();
                    found.add(m.seq());
                    messageFound = true;
                } else if (e instanceof FrameEvent f && f.dir() == dir) {
                    long at = f.header().streamOffset();
                    if (at < start) {
                        Collections.reverse(found);
                        return found;
                    }
                    if (messageFound ? !f.header().opcode().isControl() : at == start) {
                        found.add(f.seq());
                    }
                }
            }
        }
        Collections.reverse(found);
        return found;
    }

    /**
     * Appends a frame the proxy wrote toward the receiver as {@code from} would have sent it (one frame, FIN set),
     * with its message event for a data message, right after the {@link CaptureEvent.RelayEvent} that marks them
     * ({@code mark}, with {@code counterpart}): a reader meets the mark first, so an export that leaves the proxy's
     * frames out (pcapng: each direction as its sender sent it) knows them when they come. Returns their sequence
     * numbers.
     *
     * @param header      the frame's header as written (its stream offset is replaced by {@code streamOffset})
     * @param wirePayload the payload as on the wire, unmasked (compressed when it went compressed)
     * @param data        the message's data (the inflated payload when compressed)
     */
    List<Long> wrote(Sender from, RelayMark mark, List<Long> counterpart, FrameHeader header, byte[] wirePayload,
            byte[] data, long streamOffset) {
        Direction dir = Direction.of(from);
        Opcode op = header.opcode();
        FrameHeader h = new FrameHeader(header.fin(), header.rsv1(), header.rsv2(), header.rsv3(), op,
                header.masked(), header.maskingKey(), header.payloadLength(), header.lengthEncoding(), streamOffset);
        Payload wire = log.payloads().store(wirePayload);
        Optional<Payload> inflated = header.rsv1() ? Optional.of(log.payloads().store(data)) : Optional.empty();
        Optional<Opcode> messageOpcode = op.isControl() ? Optional.empty() : Optional.of(op);
        List<CaptureEvent> run = log.appendRun(clock.getAsLong(), first -> {
            List<Long> marked = op.isControl() ? List.of(first + 1) : List.of(first + 1, first + 2);
            List<Function<Stamp, CaptureEvent>> events = new ArrayList<>();
            events.add(s -> new CaptureEvent.RelayEvent(s, dir, mark, marked, counterpart));
            events.add(s -> new FrameEvent(s, dir, h, 0, true, wire, messageOpcode, inflated, List.of()));
            if (!op.isControl()) {
                Message m = new Message(from, op, streamOffset, 1, wirePayload.length, header.rsv1(), data.length,
                        data, List.of());
                events.add(s -> new MessageEvent(s, dir, m, inflated.orElse(wire)));
            }
            return events;
        });
        return run.stream().skip(1).map(CaptureEvent::seq).toList();
    }

    void mark(Sender from, RelayMark mark, List<Long> marked, List<Long> counterpart) {
        if (!marked.isEmpty()) {
            log.append(clock.getAsLong(), s -> new CaptureEvent.RelayEvent(s, Direction.of(from), mark, marked,
                    counterpart));
        }
    }
}
