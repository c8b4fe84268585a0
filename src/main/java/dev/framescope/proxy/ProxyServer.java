package dev.framescope.proxy;

import dev.framescope.capture.MemoryBudget;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The intercepting proxy: accepts apps on its listen address and hands each connection to a {@link ProxyExchange}
 * on a thread of its own (plus one per relayed direction). A WebSocket that comes through is recorded frame-exact
 * and reported to the {@link ProxyListener}; everything else is passed through or refused, and counted.
 *
 * <p>Threads: one accept thread, and a cached pool owned by this instance; {@link #close} stops all of them and
 * closes every socket still open. A failing connection never reaches the accept loop.
 */
public final class ProxyServer implements AutoCloseable {

    /** What crossed the proxy so far. */
    public record Counts(long intercepted, long passedThrough, long refused, long failed) {
    }

    private final ProxyOptions options;
    private final ProxyListener listener;
    private final LongSupplier clock;
    private final MemoryBudget budget;
    private final ServerSocket server;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final LongSupplier ids;
    final AtomicLong intercepted = new AtomicLong();
    final AtomicLong passedThrough = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    private volatile boolean closed;

    /**
     * Binds the listen address (port 0 picks one) and starts accepting.
     *
     * @param ids     gives each capture its connection id (unique in the session it joins)
     * @param clock   stamps the bytes, as the engine's clock does for our own connections
     * @param budget  the memory all captures share (payloads past it spill to disk)
     */
    public ProxyServer(ProxyOptions options, ProxyListener listener, LongSupplier clock, MemoryBudget budget,
            LongSupplier ids) throws IOException {
        this.options = options;
        this.budget = budget;
        this.listener = listener;
        this.clock = clock;
        this.ids = ids;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(options.listen(), 200);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "framescope-proxy");
            t.setDaemon(true);
            return t;
        });
        Thread accept = new Thread(this::acceptLoop, "framescope-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    /** The address bound (with the port picked when 0 was asked for). */
    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    public ProxyOptions options() {
        return options;
    }

    public Counts counts() {
        return new Counts(intercepted.get(), passedThrough.get(), refused.get(), failed.get());
    }

    /** Connections open right now (app side and server side each count). */
    public int openSockets() {
        return open.size();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket app;
            try {
                app = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    listener.notice("the proxy stopped accepting: " + e.getMessage());
                }
                return;
            }
            track(app);
            try {
                threads.execute(() -> {
                    try {
                        new ProxyExchange(this, app).run();
                    } finally {
                        untrack(app);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                Relay.closeQuietly(app);
                untrack(app);
            }
        }
    }

    void track(Socket s) {
        open.add(s);
        if (closed) {
            Relay.closeQuietly(s);
        }
    }

    void untrack(Socket s) {
        Relay.closeQuietly(s);
        open.remove(s);
    }

    long nextId() {
        return ids.getAsLong();
    }

    ProxyListener listener() {
        return listener;
    }

    MemoryBudget budget() {
        return budget;
    }

    LongSupplier clock() {
        return clock;
    }

    ExecutorService threads() {
        return threads;
    }

    boolean isClosed() {
        return closed;
    }

    /** Stops accepting, closes every open socket and waits briefly for the connection threads to end. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // Nothing more to stop.
        }
        open.forEach(Relay::closeQuietly);
        threads.shutdown();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.shutdownNow();
    }
}
