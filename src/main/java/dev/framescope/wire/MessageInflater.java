package dev.framescope.wire;

import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates one direction's permessage-deflate messages (RFC 7692 §7.2.2): frames' payloads are fed in order, the
 * 00 00 ff ff tail is appended at the end of each message, and without context takeover the window is reset after
 * each message. Inflated output per message stops at a limit, so a compression bomb costs bounded memory.
 */
public final class MessageInflater implements AutoCloseable {

    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};
    private static final int STEP = 16 * 1024;

    public enum Status { OK, LIMIT_EXCEEDED, ERROR }

    /**
     * What one call inflated.
     *
     * @param tooFar the first back-reference of the message beyond the negotiated window, when this call met it
     */
    public record Inflated(byte[] bytes, Status status, String error, Optional<TooFar> tooFar) {
        Inflated(byte[] bytes, Status status, String error) {
            this(bytes, status, error, Optional.empty());
        }
    }

    /**
     * A back-reference farther than the sender's LZ77 window (RFC 7692 §7.1.2.1): java.util.zip inflates it from its
     * 32 KiB window anyway.
     *
     * @param distance   how far back it reached
     * @param at         where in the inflated message it starts
     * @param windowBits the negotiated window
     */
    public record TooFar(long distance, long at, int windowBits) {
        public String describe() {
            return "a back-reference " + distance + " bytes back at byte " + at + " of the inflated message; "
                    + "max_window_bits=" + windowBits + " allows " + (1 << windowBits)
                    + " (inflated with the full 32 KiB window)";
        }
    }

    private final int windowBits;
    private final boolean contextTakeover;
    private final long limitPerMessage;
    private final Inflater inflater = new Inflater(true);
    private final byte[] step = new byte[STEP];
    /** Reads distances when the window is below 15 bits and a check was asked for; java.util.zip cannot tell. */
    private final Optional<DeflateDistances> distances;
    private boolean tooFarReported;
    private long messageTotal;
    private long messageInput;
    private boolean streamFinished;

    /**
     * @param windowBits      the sender's LZ77 window (8-15); java.util.zip inflates any window up to 15 bits
     * @param contextTakeover whether the sender keeps its window between messages
     * @param limitPerMessage inflated bytes allowed per message
     */
    public MessageInflater(int windowBits, boolean contextTakeover, long limitPerMessage) {
        this(windowBits, contextTakeover, limitPerMessage, false);
    }

    /**
     * @param checkWindow whether to read back-reference distances against {@code windowBits}
     *                    ({@link Violation#DEFLATE_WINDOW_EXCEEDED}); costs a second pass over the compressed bytes
     *                    when the window is below 15 bits, nothing otherwise
     */
    public MessageInflater(int windowBits, boolean contextTakeover, long limitPerMessage, boolean checkWindow) {
        if (windowBits < 8 || windowBits > 15) {
            throw new IllegalArgumentException("window bits must be 8-15, not " + windowBits);
        }
        this.windowBits = windowBits;
        this.contextTakeover = contextTakeover;
        this.limitPerMessage = limitPerMessage;
        this.distances = checkWindow && windowBits < 15 ? Optional.of(new DeflateDistances(windowBits))
                : Optional.empty();
    }

    public int windowBits() {
        return windowBits;
    }

    public boolean contextTakeover() {
        return contextTakeover;
    }

    public Inflated inflate(byte[] b, int off, int len, boolean endOfMessage) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(Math.max(len * 4, 64), STEP));
        distances.ifPresent(d -> d.feed(b, off, len));
        Inflated result = run(b, off, len, out);
        if (result == null && endOfMessage) {
            distances.ifPresent(d -> d.feed(TAIL, 0, TAIL.length));
            result = run(TAIL, 0, TAIL.length, out);
        }
        Optional<TooFar> tooFar = tooFar();
        if (endOfMessage || result != null) {
            endMessage();
        }
        if (result == null) {
            return new Inflated(out.toByteArray(), Status.OK, "", tooFar);
        }
        return tooFar.isEmpty() ? result : new Inflated(result.bytes(), result.status(), result.error(), tooFar);
    }

    /** The message's first too-far reference, once. */
    private Optional<TooFar> tooFar() {
        if (distances.isEmpty() || tooFarReported || distances.get().tooFarAt() < 0) {
            return Optional.empty();
        }
        tooFarReported = true;
        DeflateDistances d = distances.get();
        return Optional.of(new TooFar(d.tooFarDistance(), d.tooFarAt(), windowBits));
    }

    /** Forgets the window (no context takeover) and the current message's counters. */
    public void reset() {
        inflater.reset();
        distances.ifPresent(DeflateDistances::reset);
        tooFarReported = false;
        streamFinished = false;
        messageTotal = 0;
        messageInput = 0;
    }

    private void endMessage() {
        if (!contextTakeover || streamFinished) {
            streamFinished = false;
            inflater.reset();
            distances.ifPresent(DeflateDistances::reset);
        }
        distances.ifPresent(DeflateDistances::nextMessage);
        tooFarReported = false;
        messageTotal = 0;
        messageInput = 0;
    }

    /** Inflates input into out; null when all went well, else the final result. */
    private Inflated run(byte[] b, int off, int len, ByteArrayOutputStream out) {
        inflater.setInput(b, off, len);
        try {
            while (true) {
                long room = limitPerMessage - messageTotal;
                int n = inflater.inflate(step, 0, (int) Math.min(STEP, Math.max(room, 0) + 1L > 0 ? Math.max(room, 0) + 1L : STEP));
                if (n > room) {
                    out.write(step, 0, (int) room);
                    messageTotal += room;
                    return new Inflated(out.toByteArray(), Status.LIMIT_EXCEEDED,
                            "inflated size passed the limit of " + limitPerMessage + " bytes");
                }
                out.write(step, 0, n);
                messageTotal += n;
                if (n == 0) {
                    break;
                }
            }
            // A block with BFINAL set ends the DEFLATE stream (RFC 7692 §7.2.3.3): what follows in this message is
            // padding, and the next message starts a new stream.
            streamFinished |= inflater.finished();
            messageInput += len;
            return null;
        } catch (DataFormatException e) {
            long at = messageInput + (len - inflater.getRemaining());
            return new Inflated(out.toByteArray(), Status.ERROR,
                    e.getMessage() + " near byte " + at + " of the compressed message");
        }
    }

    @Override
    public void close() {
        inflater.end();
    }
}
