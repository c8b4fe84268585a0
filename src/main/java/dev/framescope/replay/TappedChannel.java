package dev.framescope.replay;

import dev.framescope.engine.WireReplay;
import dev.framescope.wire.Sender;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;

/**
 * A mock client's socket as the mock's server reads and writes it, every byte also handed to a {@link WireReplay}: the
 * client's bytes as they are read, ours as they are written. So a client of the mock is captured frame-exact — its
 * upgrade request, our 101, each frame with its mask, fragmentation and compression, pings and the close — with the
 * dissection a connection of our own gets. The mock's server does all its channel I/O on its one selector thread; the
 * tap is locked anyway, since a close may come from another.
 */
final class TappedChannel implements ByteChannel {

    private final SocketChannel channel;
    private final WireReplay tap;
    private boolean ended;

    TappedChannel(SocketChannel channel, WireReplay tap) {
        this.channel = channel;
        this.tap = tap;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int at = dst.position();
        int n = channel.read(dst);
        if (n > 0) {
            record(Sender.CLIENT, dst, at, n);
        } else if (n < 0) {
            end();
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int at = src.position();
        int n = channel.write(src);
        if (n > 0) {
            record(Sender.SERVER, src, at, n);
        }
        return n;
    }

    private void record(Sender sender, ByteBuffer buffer, int at, int n) {
        byte[] bytes = new byte[n];
        buffer.duplicate().position(at).get(bytes, 0, n);
        synchronized (tap) {
            if (!ended) {
                tap.bytes(sender, bytes, 0, n, System.nanoTime());
            }
        }
    }

    /** Both streams are over: the end-of-stream findings and the close are recorded, once. */
    private void end() {
        synchronized (tap) {
            if (!ended) {
                ended = true;
                tap.end(System.nanoTime());
            }
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            end();
        }
    }
}
