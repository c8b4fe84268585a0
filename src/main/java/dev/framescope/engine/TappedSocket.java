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

/**
 * A connected (and, for wss, already TLS-wrapped) socket whose streams report every plaintext byte to a
 * {@link WireTap} before it is written and as soon as it is read. Java-WebSocket gets this socket through
 * {@code setSocket}, so what we record is exactly what crossed the connection.
 */
final class TappedSocket extends Socket {

    /** Receives the bytes, on the thread that read or wrote them; must not block. */
    interface WireTap {
        void bytes(Sender sender, byte[] b, int off, int len, long nanos);

        void ended(Sender sender, Optional<IOException> cause);

        /** The socket was closed: nothing more can cross it. */
        void closed();

        /** Whether we sent a close frame and still wait for the server's (RFC 6455 §7.1.1). */
        boolean awaitingPeerClose();
    }

    /** How long a client that closed first keeps reading for the server's close frame and TCP close. */
    static final int LINGER_MILLIS = 2000;

    private final Socket delegate;
    private final TappedInput in;
    private final OutputStream out;

    private final WireTap tap;
    private volatile Runnable beforeClose = () -> { };
    private boolean closing;

    TappedSocket(Socket delegate, WireTap tap) throws IOException {
        this.delegate = delegate;
        this.tap = tap;
        this.in = new TappedInput(delegate.getInputStream(), tap);
        this.out = new TappedOutput(delegate.getOutputStream(), tap);
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
     * Java-WebSocket stops reading once it has sent its close frame and then closes the socket; an inspector must
     * still see the server's answer, so we keep reading (through the tap) until the server closes or a deadline.
     */
    /** Runs once just before the socket closes, with the streams still usable. */
    void beforeClose(Runnable action) {
        beforeClose = action;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closing) {
            return;
        }
        closing = true;
        if (!delegate.isClosed()) {
            beforeClose.run();
        }
        if (!delegate.isClosed() && tap.awaitingPeerClose()) {
            in.drain(LINGER_MILLIS, delegate, tap);
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
        private final WireTap tap;
        private volatile boolean ended;
        /** Threads inside read() right now (the library's reader, or drain). */
        private final java.util.concurrent.atomic.AtomicInteger readers = new java.util.concurrent.atomic.AtomicInteger();

        TappedInput(InputStream in, WireTap tap) {
            super(in);
            this.tap = tap;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            readers.incrementAndGet();
            try {
                n = super.read(b, off, len);
            } catch (IOException e) {
                end(Optional.of(e));
                throw e;
            } finally {
                readers.decrementAndGet();
            }
            if (n > 0) {
                tap.bytes(Sender.SERVER, b, off, n, System.nanoTime());
            } else if (n < 0) {
                end(Optional.empty());
            }
            return n;
        }

        /**
         * Until end of stream, the server's close or the deadline: reads (the tap records it) when nobody else is
         * reading; while the library's reader is still blocked in a read it records what arrives, so we only wait.
         */
        void drain(int millis, Socket socket, WireTap tap) {
            long deadline = System.nanoTime() + millis * 1_000_000L;
            byte[] buffer = new byte[8192];
            try {
                while (!ended && tap.awaitingPeerClose()) {
                    long left = (deadline - System.nanoTime()) / 1_000_000L;
                    if (left <= 0) {
                        return;
                    }
                    if (readers.get() > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
                        continue;
                    }
                    socket.setSoTimeout((int) left);
                    if (read(buffer, 0, buffer.length) < 0) {
                        return;
                    }
                }
            } catch (IOException e) {
                // Timed out or reset: what arrived is recorded; the cause is reported by read().
            }
        }

        synchronized void end(Optional<IOException> cause) {
            if (!ended) {
                ended = true;
                tap.ended(Sender.SERVER, cause);
            }
        }
    }

    private static final class TappedOutput extends FilterOutputStream {
        private final WireTap tap;

        TappedOutput(OutputStream out, WireTap tap) {
            super(out);
            this.tap = tap;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            // Recorded before the write: the request is in the log before any response can arrive.
            tap.bytes(Sender.CLIENT, b, off, len, System.nanoTime());
            out.write(b, off, len);
        }
    }
}
