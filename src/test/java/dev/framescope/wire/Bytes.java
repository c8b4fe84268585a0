package dev.framescope.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Test helpers: hex fixtures and feeding a decoder in different splits. */
final class Bytes {

    private Bytes() {
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Cuts {@code stream} into pieces: every piece one byte when {@code seed < 0}, else seeded random sizes. */
    static List<byte[]> split(byte[] stream, long seed) {
        List<byte[]> pieces = new ArrayList<>();
        Random random = new Random(seed);
        int from = 0;
        while (from < stream.length) {
            int n = seed < 0 ? 1 : 1 + random.nextInt(Math.max(1, Math.min(64, stream.length - from)));
            n = Math.min(n, stream.length - from);
            byte[] piece = new byte[n];
            System.arraycopy(stream, from, piece, 0, n);
            pieces.add(piece);
            from += n;
        }
        return pieces;
    }

    /** Decodes the pieces in order and returns every frame chunk. */
    static List<Frame> decode(FrameDecoder decoder, List<byte[]> pieces) {
        List<Frame> frames = new ArrayList<>();
        for (byte[] piece : pieces) {
            ByteBuffer in = ByteBuffer.wrap(piece);
            Optional<Frame> f;
            while ((f = decoder.next(in)).isPresent()) {
                frames.add(f.get());
            }
        }
        return frames;
    }

    /** A comparable summary of a frame: header, payload hex and finding ids. */
    static String describe(Frame f) {
        return f.header() + " chunk@" + f.chunkOffset() + (f.lastChunk() ? " last " : " more ") + hex(f.payload())
                + " " + f.findings().stream().map(x -> x.violation().id() + "@" + x.streamOffset()).toList();
    }
}
