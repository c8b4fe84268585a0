package dev.framescope.engine;

import dev.framescope.wire.Sender;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A connected (and, for wss, already TLS-wrapped) socket whose streams report every plaintext byte to a
 * {@link WireTap} before it is written and as soon as it is read. Java-WebSocket gets this socket through
 * {@code setSocket}, so what we record is exactly what crossed the connection.
 */
final class TappedSocket extends Socket {

    /** Receives the bytes, on the thread that read or wrote them; must not block. */
    interface WireTap {
        /** Our bytes, just before they are written. */
        void sent(byte[] b, int off, int len, long nanos);

        /**
         * The server's bytes, as read. The tap may spare the library frames it has no use for
         * ({@link PlainFrameBypass}): it moves the bytes the library must still see to the front of {@code b[off..]},
         * and it may leave the start of a frame at the end unrecorded when {@code mayCarry}, to be given again, with
         * what follows, next time. It says how many of each in {@code split}.
         */
        void received(byte[] b, int off, int len, long nanos, boolean mayCarry, ReadSplit split);

        void ended(Sender sender, Optional<IOException> cause);

        /**
         * We are closing the socket while the server's stream is still open: the end of the stream that follows is
         * ours, not the server's.
         */
        void closingFirst();

        /** The socket was closed: nothing more can cross it. */
        void closed();

        /** Whether we sent a close frame and still wait for the server's (RFC 6455 §7.1.1). */
        boolean awaitingPeerClose();
    }

    /** How the tap split one read: bytes for the library (at the front) and bytes carried to the next read (at the end). */
    static final class ReadSplit {
        private int forLibrary;
        private int carried;

        void set(int forLibrary, int carried) {
            this.forLibrary = forLibrary;
            this.carried = carried;
        }

        int forLibrary() {
            return forLibrary;
        }

        int carried() {
            return carried;
        }
    }

    /** How long a client that closed first keeps reading for the server's close frame and TCP close. */
    static final int LINGER_MILLIS = 2000;

    private final Socket delegate;
    private final TappedInput in;
    private final OutputStream out;

    private final WireTap tap;
    private volatile Runnable beforeClose = () -> { };
    private volatile boolean linger = true;
    private boolean closing;

    /** @param clock stamps the bytes; the linger's deadline stays on real time, as the socket's timeouts are */
    TappedSocket(Socket delegate, WireTap tap, LongSupplier clock) throws IOException {
        this.delegate = delegate;
        this.tap = tap;
        this.in = new TappedInput(delegate.getInputStream(), tap, clock);
        this.out = new TappedOutput(delegate.getOutputStream(), tap, clock);
    }

    Socket delegate() {
        return delegate;
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public boolean isConnected() {
        return delegate.isConnected();
    }

    @Override
    public boolean isClosed() {
        return delegate.isClosed();
    }

    /**
     * Closing does not read on for the server's close frame: our driver reads until the close handshake is done
     * itself, and closes only when it wants TCP gone at once.
     */
    void noLinger() {
        linger = false;
    }

    /** Runs once just before the socket closes, with the streams still usable. */
    void beforeClose(Runnable action) {
        beforeClose = action;
    }

    /**
     * Java-WebSocket stops reading once it has sent its close frame and then closes the socket; an inspector must
     * still see the server's answer, so we keep reading (through the tap) until the server closes or a deadline.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closing) {
            return;
        }
        closing = true;
        if (!delegate.isClosed()) {
            beforeClose.run();
        }
        if (linger && !delegate.isClosed() && tap.awaitingPeerClose()) {
            in.drain(LINGER_MILLIS, delegate, tap);
        }
        if (!in.ended) {
            tap.closingFirst();
        }
        in.end(Optional.empty());
        delegate.close();
        tap.closed();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        delegate.setTcpNoDelay(on);
    }

    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        delegate.setReuseAddress(on);
    }

    @Override
    public synchronized void setReceiveBufferSize(int size) throws SocketException {
        delegate.setReceiveBufferSize(size);
    }

    @Override
    public synchronized void setSoTimeout(int timeout) throws SocketException {
        delegate.setSoTimeout(timeout);
    }

    @Override
    public void shutdownOutput() throws IOException {
        delegate.shutdownOutput();
    }

    @Override
    public void shutdownInput() throws IOException {
        delegate.shutdownInput();
    }

    @Override
    public InetAddress getInetAddress() {
        return delegate.getInetAddress();
    }

    @Override
    public int getPort() {
        return delegate.getPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return delegate.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return delegate.getLocalSocketAddress();
    }

    @Override
    public int getLocalPort() {
        return delegate.getLocalPort();
    }

    private static final class TappedInput extends FilterInputStream {
        /**
         * Bytes asked of the socket per read: 16 KiB at first, doubling up to 256 KiB while reads fill the request
         * (a busy connection; fewer reads, and fewer frames cut by one), so an idle one keeps a small buffer.
         */
        private static final int FIRST_READ_BYTES = 16 * 1024;
        private static final int MAX_READ_BYTES = 256 * 1024;
        private int readBytes = FIRST_READ_BYTES;

        private final WireTap tap;
        private final LongSupplier clock;
        private final ReadSplit split = new ReadSplit();
        private volatile boolean ended;
        private boolean endOfStream;
        /**
         * Held for a whole {@link #step}, socket read included: the library's reader and {@link #drain} never read
         * into the buffer at once. Drain only tries it, with its deadline.
         */
        private final java.util.concurrent.locks.ReentrantLock stepping = new java.util.concurrent.locks.ReentrantLock();
        /** Guards the buffers; never held during a socket read. */
        private final Object lock = new Object();
        /**
         * The start of a frame the tap carries to the next read (at the front), then the socket's bytes. The carry
         * is read-only while the socket read fills the rest, so {@link #end} may dissect it meanwhile.
         */
        private byte[] raw = new byte[FIRST_READ_BYTES];
        private int carry;
        /** Bytes for the library, in stream order: pending[pendingFrom, pendingTo). */
        private byte[] pending = new byte[FIRST_READ_BYTES];
        private int pendingFrom;
        private int pendingTo;

        TappedInput(InputStream in, WireTap tap, LongSupplier clock) {
            super(in);
            this.tap = tap;
            this.clock = clock;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        /**
         * Reads until there is something for the library. The tap records every byte but spares the library the
         * frames it would only discard ({@link PlainFrameBypass}), so a read of nothing but those goes on reading.
         */
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (true) {
                synchronized (lock) {
                    if (pendingTo > pendingFrom) {
                        int n = Math.min(len, pendingTo - pendingFrom);
                        System.arraycopy(pending, pendingFrom, b, off, n);
                        pendingFrom += n;
                        return n;
                    }
                    if (endOfStream) {
                        return -1;
                    }
                }
                stepping.lock();
                try {
                    step();
                } finally {
                    stepping.unlock();
                }
            }
        }

        @Override
        public int available() throws IOException {
            synchronized (lock) {
                return pendingTo - pendingFrom;
            }
        }

        /** One socket read, through the tap; what the library may see of it joins the pending bytes. Holds stepping. */
        private void step() throws IOException {
            byte[] buffer;
            int base;
            int ask;
            synchronized (lock) {
                base = carry;
                ask = readBytes;
                if (raw.length < base + ask) {
                    raw = java.util.Arrays.copyOf(raw, base + ask);
                }
                buffer = raw;
            }
            int n;
            try {
                n = super.read(buffer, base, ask);
            } catch (IOException e) {
                end(Optional.of(e));
                throw e;
            }
            if (n < 0) {
                end(Optional.empty());
                return;
            }
            synchronized (lock) {
                if (n == ask && readBytes < MAX_READ_BYTES) {
                    readBytes *= 2;
                }
                // end() may have dissected the carried bytes meanwhile; then only the new ones are left.
                int from = carry == base ? 0 : base;
                dissect(buffer, from, base + n - from, !ended);
            }
        }

        /** Under the lock: hands {@code raw[from, from+len)} to the tap, keeps what it carries, queues the rest. */
        private void dissect(byte[] buffer, int from, int len, boolean mayCarry) {
            if (len == 0) {
                carry = 0;
                return;
            }
            tap.received(buffer, from, len, clock.getAsLong(), mayCarry, split);
            int kept = split.forLibrary();
            int carried = split.carried();
            if (pendingFrom == pendingTo) {
                pendingFrom = 0;
                pendingTo = 0;
            }
            if (pending.length < pendingTo + kept) {
                pending = java.util.Arrays.copyOf(pending, Math.max(pending.length * 2, pendingTo + kept));
            }
            System.arraycopy(buffer, from, pending, pendingTo, kept);
            pendingTo += kept;
            System.arraycopy(buffer, from + len - carried, raw, 0, carried);
            carry = carried;
        }

        /**
         * Until end of stream, the server's close or the deadline: reads (the tap records it) when nobody else is
         * reading; while the library's reader is still blocked in a read it records what arrives, so we only wait.
         */
        void drain(int millis, Socket socket, WireTap tap) {
            long deadline = System.nanoTime() + millis * 1_000_000L;
            // Java-WebSocket interrupts its write thread at every close; the linger must not end because of that.
            boolean interrupted = Thread.interrupted();
            try {
                while (!ended && tap.awaitingPeerClose()) {
                    long left = (deadline - System.nanoTime()) / 1_000_000L;
                    if (left <= 0) {
                        return;
                    }
                    try {
                        if (!stepping.tryLock(Math.min(left, 10), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                            continue;
                        }
                    } catch (InterruptedException e) {
                        interrupted = true;
                        continue;
                    }
                    try {
                        socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
                        step();
                    } finally {
                        stepping.unlock();
                    }
                    synchronized (lock) {
                        // Nobody reads for the library any more: what it would have seen is only recorded.
                        pendingFrom = pendingTo;
                    }
                }
            } catch (IOException e) {
                // Timed out or reset: what arrived is recorded; the cause is reported by read().
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** The stream ended: the carried bytes (an unfinished frame) are dissected first, then the tap is told. */
        void end(Optional<IOException> cause) {
            synchronized (lock) {
                endOfStream = true;
                if (ended) {
                    return;
                }
                ended = true;
                dissect(raw, 0, carry, false);
                tap.ended(Sender.SERVER, cause);
            }
        }
    }

    private static final class TappedOutput extends FilterOutputStream {
        private final WireTap tap;
        private final LongSupplier clock;

        TappedOutput(OutputStream out, WireTap tap, LongSupplier clock) {
            super(out);
            this.tap = tap;
            this.clock = clock;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            // Recorded before the write: the request is in the log before any response can arrive.
            tap.sent(b, off, len, clock.getAsLong());
            out.write(b, off, len);
        }
    }
}
