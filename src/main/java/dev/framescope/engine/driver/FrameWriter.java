package dev.framescope.engine.driver;

import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.HandshakeResult;
import dev.framescope.wire.NegotiatedDeflate;
import dev.framescope.wire.Masking;
import dev.framescope.wire.MessageDeflater;
import dev.framescope.wire.Opcode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Encodes our frames: header, a masking key from {@link SecureRandom} (RFC 6455 §5.3: unpredictable, so drawn in
 * batches of 256 keys rather than one system call per frame), masked payload, in one array ready for the socket.
 * Compresses data messages when permessage-deflate or a per-frame deflate was negotiated. Not thread-safe: the
 * driver calls it under its send lock, which also keeps the compressor's context in message order.
 */
final class FrameWriter {

    private final SecureRandom random = new SecureRandom();
    private final byte[] keys = new byte[1024];
    private int keyAt = keys.length;
    private Optional<MessageDeflater> perMessage = Optional.empty();
    private Optional<MessageDeflater> perFrame = Optional.empty();

    /**
     * Compresses as the handshake settled: permessage-deflate with the response's parameters for our direction (RFC
     * 7692 §7.2.1), else a per-frame deflate we offered and the server accepted (RSV1 on each compressed frame).
     */
    void negotiate(HandshakeResult result) {
        if (result.deflate().isPresent()) {
            NegotiatedDeflate.Direction ours = result.deflate().get().clientToServer();
            perMessage = Optional.of(new MessageDeflater(ours.windowBits(), ours.contextTakeover()));
        } else if (result.offeredExtensions().stream().anyMatch(o -> perFrame(o.name()))
                && result.acceptedExtensions().stream().anyMatch(e -> perFrame(e.name()))) {
            perFrame = Optional.of(new MessageDeflater(15, true));
        }
    }

    /** The pre-RFC 7692 per-frame deflate ({@code x-webkit-deflate-frame}, {@code deflate-frame}). */
    static boolean perFrame(String extensionName) {
        String name = extensionName.trim().toLowerCase(java.util.Locale.ROOT);
        return name.startsWith("x-webkit-deflate-frame") || name.startsWith("deflate-frame");
    }

    /** A whole data message in one frame, compressed when an extension says so (RFC 7692 §6: RSV1 on it). */
    byte[] message(Opcode opcode, byte[] data) {
        Optional<MessageDeflater> deflater = perMessage.or(() -> perFrame);
        if (deflater.isPresent()) {
            Optional<byte[]> compressed = deflater.get().deflate(data);
            if (compressed.isPresent()) {
                return frame(opcode, true, true, compressed.get(), 0, compressed.get().length);
            }
        }
        return frame(opcode, true, false, data, 0, data.length);
    }

    /** A message as {@code fragments} frames (RFC 6455 §5.4), at most one per byte, at least one. */
    List<byte[]> fragments(Opcode opcode, byte[] data, int fragments) {
        int n = Math.max(1, Math.min(fragments, Math.max(1, data.length)));
        int size = (data.length + n - 1) / n;
        List<byte[]> frames = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int from = Math.min(data.length, i * size);
            int to = Math.min(data.length, from + size);
            frames.add(fragment(i == 0 ? opcode : Opcode.CONTINUATION, i == n - 1, data, from, to - from));
        }
        return frames;
    }

    /**
     * One fragment of a message. Fragmented messages go uncompressed under permessage-deflate (RFC 7692 §6.1 lets
     * the sender choose); per-frame deflate compresses each.
     */
    byte[] fragment(Opcode opcode, boolean fin, byte[] data, int off, int len) {
        if (perFrame.isPresent() && len > 0) {
            byte[] part = java.util.Arrays.copyOfRange(data, off, off + len);
            Optional<byte[]> compressed = perFrame.get().deflate(part);
            if (compressed.isPresent()) {
                return frame(opcode, fin, true, compressed.get(), 0, compressed.get().length);
            }
        }
        return frame(opcode, fin, false, data, off, len);
    }

    byte[] control(Opcode opcode, byte[] payload) {
        return frame(opcode, true, false, payload, 0, payload.length);
    }

    byte[] frame(Opcode opcode, boolean fin, boolean rsv1, byte[] data, int off, int len) {
        int lengthBytes = len <= 125 ? 0 : len <= 0xFFFF ? 2 : 8;
        int head = 2 + lengthBytes + 4;
        byte[] out = new byte[head + len];
        out[0] = (byte) ((fin ? FrameHeader.B0_FLAG_FIN : 0) | (rsv1 ? FrameHeader.B0_FLAG_RSV1 : 0) | opcode.code());
        int at = 2;
        if (lengthBytes == 0) {
            out[1] = (byte) (FrameHeader.B1_FLAG_MASK | len);
        } else if (lengthBytes == 2) {
            out[1] = (byte) (FrameHeader.B1_FLAG_MASK | 126);
            out[at++] = (byte) (len >>> 8);
            out[at++] = (byte) len;
        } else {
            out[1] = (byte) (FrameHeader.B1_FLAG_MASK | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out[at++] = (byte) ((long) len >>> shift);
            }
        }
        int key = nextKey();
        out[at++] = (byte) (key >>> 24);
        out[at++] = (byte) (key >>> 16);
        out[at++] = (byte) (key >>> 8);
        out[at] = (byte) key;
        System.arraycopy(data, off, out, head, len);
        Masking.unmask(out, head, len, key, 0);
        return out;
    }

    private int nextKey() {
        if (keyAt == keys.length) {
            random.nextBytes(keys);
            keyAt = 0;
        }
        int key = (keys[keyAt] & 0xFF) << 24 | (keys[keyAt + 1] & 0xFF) << 16 | (keys[keyAt + 2] & 0xFF) << 8
                | keys[keyAt + 3] & 0xFF;
        keyAt += 4;
        return key;
    }

    void close() {
        perMessage.ifPresent(MessageDeflater::close);
        perFrame.ifPresent(MessageDeflater::close);
    }
}
