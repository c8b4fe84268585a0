package dev.framescope.engine;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.FrameHeaders;
import dev.framescope.wire.Sender;
import dev.framescope.wire.Severity;
import dev.framescope.wire.StreamDissector;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The capture of a connection Framescope relays instead of making (the intercepting proxy): the app's bytes and the
 * server's go through the same recorder as our own connections' — HTTP heads, frames with the app's masking keys,
 * messages inflated with a context per direction, heartbeats, the close. The recorder only reads the bytes (the
 * plain-frame bypass, which rearranges a read for a library, is off), so the caller forwards its buffer unchanged.
 * A frame cut by the end of a read that may prove plain is copied aside ({@link Carry}) and recorded once whole,
 * like the rest, instead of in chunks through the general path (every 64 KiB frame against the relay's 64 KiB
 * reads): no peer can answer a frame before its last byte, which is recorded before it is forwarded.
 *
 * <p>Threads: {@link #fromClient} is called on the thread relaying the app's bytes, {@link #fromServer} on the one
 * relaying the server's; each direction is confined to its thread, as on our own connections.
 */
public final class RelayRecorder {

    private final ConnectionRecorder recorder;
    private final TappedSocket.ReadSplit split = new TappedSocket.ReadSplit();
    private final LongSupplier clock;
    private final Carry fromClient = new Carry(Sender.CLIENT);
    private final Carry fromServer = new Carry(Sender.SERVER);
    private final RelayMarking marking;

    public RelayRecorder(CaptureLog log, LongSupplier clock) {
        this.clock = clock;
        this.recorder = new ConnectionRecorder(log, StreamDissector.DEFAULT_INFLATE_LIMIT, clock, false);
        this.marking = new RelayMarking(log, clock);
    }

    /** Bytes the app sent, as read, before they are forwarded. */
    public void fromClient(byte[] b, int off, int len, long nanos) {
        fromClient.record(b, off, len, nanos);
    }

    /** Bytes the server sent, as read, before they are forwarded. */
    public void fromServer(byte[] b, int off, int len, long nanos) {
        fromServer.record(b, off, len, nanos);
    }

    /** One side's stream ended, cleanly or with {@code cause}: its end-of-stream findings are recorded. */
    public void ended(Sender sender, Optional<IOException> cause) {
        (sender == Sender.CLIENT ? fromClient : fromServer).flush(clock.getAsLong());
        recorder.ended(sender, cause);
    }

    /** Both sockets are closed: the close is recorded, once. */
    public void closed() {
        recorder.recordClose(clock.getAsLong());
    }

    public void note(Severity level, String text) {
        recorder.note(level, text);
    }

    /**
     * The capture's events of the message (or control frame) from {@code from} whose first frame starts at byte
     * {@code start} of its stream: its frames, then its message event; empty when not found.
     */
    public List<Long> recorded(Sender from, long start) {
        return marking.recorded(from, start);
    }

    /**
     * A frame the proxy wrote toward the receiver as {@code from} would have (an edit, an injection): recorded as a
     * frame event, and a message event for data, in {@code from}'s direction, right after their {@code mark}
     * (EDITED or INJECTED, with the original's events as {@code counterpart}). Returns their sequence numbers.
     *
     * @param wirePayload the payload as written, unmasked; {@code data} the message's data (inflated)
     * @param streamOffset where it stands: the original's offset for an edit (it is in no peer's stream)
     */
    public List<Long> wrote(Sender from, CaptureEvent.RelayMark mark, List<Long> counterpart, FrameHeader header,
            byte[] wirePayload, byte[] data, long streamOffset) {
        return marking.wrote(from, mark, counterpart, header, wirePayload, data, streamOffset);
    }

    /** Marks events with what the proxy did to them (see {@link CaptureEvent.RelayEvent}). */
    public void mark(Sender from, CaptureEvent.RelayMark mark, List<Long> marked, List<Long> counterpart) {
        marking.mark(from, mark, marked, counterpart);
    }

    /**
     * One direction's frame cut by the end of a read: its first bytes, at most a plain frame's header and payload
     * ({@link StreamDissector#PLAIN_MAX_PAYLOAD}), completed from the next reads and offered to the recorder each
     * time what it lacked is there — the rest of the header, then the whole frame — so that a frame that proves not
     * plain once its header is known goes the general path at once. Confined to its direction's thread.
     */
    private final class Carry {
        private final Sender sender;
        private byte[] bytes = new byte[FrameHeaders.FIXED_BYTES];
        private int length;

        Carry(Sender sender) {
            this.sender = sender;
        }

        void record(byte[] b, int off, int len, long nanos) {
            int at = off;
            int end = off + len;
            while (length > 0 && at < end) {
                int wanted = wanted();
                int take = Math.min(end - at, wanted - length);
                System.arraycopy(b, at, bytes, length, take);
                length += take;
                at += take;
                if (length == wanted) {
                    keep(bytes, length, recorder.relayed(sender, bytes, 0, length, nanos));
                }
            }
            if (at < end) {
                keep(b, end, recorder.relayed(sender, b, at, end - at, nanos));
            }
        }

        /** The bytes the frame at the start needs before it is offered again: the header's, then the frame's. */
        private int wanted() {
            if (length < FrameHeaders.FIXED_BYTES) {
                return FrameHeaders.FIXED_BYTES;
            }
            int header = FrameHeaders.size(bytes[1] & 0xFF);
            if (length < header) {
                return header;
            }
            return header + (int) FrameHeaders.payloadLength(ByteBuffer.wrap(bytes), 0);
        }

        /** Keeps the {@code left} bytes before {@code end} in {@code from}, the recorder's leftovers, with room. */
        private void keep(byte[] from, int end, int left) {
            if (from != bytes || left != length) {
                if (bytes.length < left) {
                    bytes = new byte[left]; // from is the read: this carry held nothing
                }
                System.arraycopy(from, end - left, bytes, 0, left);
                length = left;
            }
            if (length > 0 && bytes.length < wanted()) {
                bytes = Arrays.copyOf(bytes, wanted());
            }
        }

        /** The stream ended inside the frame: its bytes go the general path, as an unfinished frame. */
        void flush(long nanos) {
            if (length == 0) {
                return;
            }
            if (sender == Sender.CLIENT) {
                recorder.sent(bytes, 0, length, nanos);
            } else {
                recorder.received(bytes, 0, length, nanos, false, split);
            }
            length = 0;
        }
    }
}
