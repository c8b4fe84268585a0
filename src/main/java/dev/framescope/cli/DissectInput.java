package dev.framescope.cli;

import dev.framescope.wire.PlainFrames;
import dev.framescope.wire.StreamDissector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * {@code dissect}'s input from a file or stdin, read in pieces into one reused buffer while the frames are plain,
 * instead of the whole input into one array first. A whole file in a fresh array cost as much system time as the
 * dissection's own work (the kernel zeroing and mapping every page of it: 1.2–1.8 s of a 200 MB input), and the
 * memory grew with the file.
 *
 * <p>The output is the same as dissecting the whole input at once: a plain frame is taken only when it is whole
 * in the buffer (one cut off by the buffer's end is kept and offered again with what follows), and from the first
 * frame that is not plain on, the rest of the input is read whole and dissected exactly as before.
 */
final class DissectInput {

    /** The first read, and the buffer's size: far above the largest plain frame, so one always fits. */
    static final int CHUNK = 1 << 20;

    private final InputStream source;
    private byte[] buf;
    private int end;
    private boolean eof;

    /** {@code first}, filled whole by the first read, is the buffer. */
    private DissectInput(InputStream source, byte[] first) {
        this.source = source;
        this.buf = first;
        this.end = first.length;
    }

    /**
     * The first bytes of {@code source}: up to {@code chunk} of them, or the whole input when it is no longer, or
     * when a handshake at its start needs all of it to be shown ({@link HandshakePrefix#needsAll}).
     */
    static byte[] first(InputStream source, int chunk) throws IOException {
        byte[] first = new byte[chunk];
        int n = source.readNBytes(first, 0, chunk);
        if (n < chunk) {
            return Arrays.copyOf(first, n);
        }
        if (HandshakePrefix.needsAll(first)) {
            byte[] rest = source.readAllBytes();
            byte[] all = Arrays.copyOf(first, chunk + rest.length);
            System.arraycopy(rest, 0, all, chunk, rest.length);
            return all;
        }
        return first;
    }

    /**
     * Dissects {@code first} from {@code start}, then the rest of {@code source} if {@code first} (from
     * {@link #first}) may not be all of it: when it is {@code chunk} bytes long.
     */
    static void dissect(StreamDissector dissector, byte[] first, int start, int chunk, InputStream source,
                        DissectionPrinter printer) throws IOException {
        if (first.length != chunk || start >= first.length) {
            DissectCommand.dissect(dissector, ByteBuffer.wrap(first, start, first.length - start), printer);
            return;
        }
        DissectInput input = new DissectInput(source, first);
        ByteBuffer in = ByteBuffer.wrap(first, start, first.length - start);
        PlainFrames run = new PlainFrames();
        while (true) {
            if (dissector.takePlainFrames(in, run) > 0) {
                printer.print(run);
            } else if (!input.eof && (!in.hasRemaining() || dissector.plainFrameUnfinished(in))) {
                in = input.refill(in);
            } else {
                break;
            }
        }
        DissectCommand.dissect(dissector, input.rest(in), printer);
    }

    /** The bytes {@code in} has left, moved to the buffer's start, and as many after them as the buffer holds. */
    private ByteBuffer refill(ByteBuffer in) throws IOException {
        int left = in.remaining();
        System.arraycopy(buf, in.position(), buf, 0, left);
        if (left == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = source.readNBytes(buf, left, buf.length - left);
        eof = n < buf.length - left;
        end = left + n;
        return ByteBuffer.wrap(buf, 0, end);
    }

    /** What {@code in} has left and everything the source still holds, for the general path. */
    private ByteBuffer rest(ByteBuffer in) throws IOException {
        if (eof) {
            return in;
        }
        byte[] more = source.readAllBytes();
        byte[] all = Arrays.copyOfRange(buf, in.position(), end + more.length);
        System.arraycopy(more, 0, all, end - in.position(), more.length);
        return ByteBuffer.wrap(all);
    }
}
