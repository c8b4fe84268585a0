package dev.framescope.bench;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.MemoryBudget;
import dev.framescope.engine.Scheduler;
import dev.framescope.proxy.Breakpoints;
import dev.framescope.proxy.ProxyListener;
import dev.framescope.proxy.ProxyOptions;
import dev.framescope.proxy.ProxyServer;
import dev.framescope.proxy.UpstreamAllowList;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Handshake;
import dev.framescope.wire.HttpHeadParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;

/**
 * The intercepting proxy's relay on loopback. Throughput: a client writes N pre-encoded masked binary frames through
 * the proxy to a server that counts them, once through a recorded WebSocket (CONNECT, then the upgrade: every frame
 * dissected and captured) and once through a plain tunnel of the same relay code without a recorder (CONNECT, then
 * the frames: not HTTP, so passed through), alternately; each timed from the first byte written to the last byte
 * received, after unmeasured pairs until the JIT compilers are done ({@link #warmUp}). Latency: one 16-byte message
 * at a time, 1,000 per second, answered by the server with one frame; each message's way from writer to reader (the
 * app's and the server's, one clock in one process) through the recording proxy against direct, at the median and
 * the 99th percentile: the latency the proxy adds per message. The round trips (two messages each) are printed too.
 *
 * <p>Run: {@code scripts/bench-relay.sh [RUNS] [ROUNDS]} (fresh JVMs with the launcher's options), or {@code mvn
 * -Pbench -DskipTests package && java -XX:+UseParallelGC -Xms64m -XX:MaxNewSize=192m -cp target/benchmarks.jar
 * dev.framescope.bench.ProxyRelayBench [ROUNDS]}; {@code -Dbench.gated=true} gates every WebSocket as the window's
 * proxy does, {@code -Dbench.latencyOnly=true} skips the throughput rounds.
 */
public final class ProxyRelayBench {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final long QUIET_COMPILE_MILLIS = 20;
    private static final int MAX_WARMUP_PAIRS = 30;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<CaptureLog> logs = new CopyOnWriteArrayList<>();
        AtomicLong ids = new AtomicLong(1);
        ProxyOptions options = ProxyOptions.forward(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                UpstreamAllowList.parse("127.0.0.0/8"), SSLContext.getDefault());
        if (Boolean.getBoolean("bench.gated")) {
            // As in the window: every WebSocket through gates, so a message can be injected at any moment.
            options = options.withBreakpoints(new Breakpoints(List.of(), Breakpoints.DEFAULT_HOLD_TIMEOUT,
                    new Scheduler() {
                        @Override
                        public LongSupplier clock() {
                            return System::nanoTime;
                        }

                        @Override
                        public Scheduler.Cancellable schedule(Runnable task, long delayNanos) {
                            throw new IllegalStateException("no rules: nothing is held");
                        }
                    }, true));
        }
        try (ProxyServer proxy = new ProxyServer(options, new ProxyListener() {
            @Override
            public void intercepted(CaptureLog log) {
                logs.add(log);
            }

            @Override
            public void notice(String text) {
            }
        }, System::nanoTime, new MemoryBudget(512L << 20), ids::getAndIncrement)) {
            System.out.println("| frame | frames | plain relay MB/s | recorded relay MB/s | ratio (median) | ratio (range) |");
            System.out.println("|------:|-------:|-----------------:|--------------------:|---------------:|--------------:|");
            if (!Boolean.getBoolean("bench.latencyOnly")) {
                for (int[] c : new int[][] {{1024, 100_000}, {65536, 2_000}}) {
                    throughput(proxy, logs, c[0], c[1], rounds);
                }
            }
            latency(proxy, logs);
        }
    }

    private static void throughput(ProxyServer proxy, List<CaptureLog> logs, int size, int count, int rounds)
            throws Exception {
        byte[] frame = FrameEncoder.binary(new byte[size]).masked(0x12345678).encode();
        double[] plain = new double[rounds];
        double[] recorded = new double[rounds];
        double[] ratios = new double[rounds];
        int warmups = warmUp(proxy, logs, frame, count);
        for (int r = 0; r < rounds; r++) {
            double[] pair = pair(proxy, logs, frame, count, r);
            plain[r] = pair[0];
            recorded[r] = pair[1];
            ratios[r] = pair[1] / pair[0];
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "| %d B | %,d | %.0f | %.0f | %.2f | %.2f–%.2f |%n", size, count,
                median(plain), median(recorded), median(ratios), sorted[0], sorted[sorted.length - 1]);
        System.err.printf(Locale.ROOT, "%d B: %d unmeasured pairs first%n", size, warmups);
    }

    /**
     * Unmeasured pairs until the JIT compilers are done with the relay and the recording path: until a pair in
     * which they compiled for less than {@link #QUIET_COMPILE_MILLIS}, at least one and at most {@link
     * #MAX_WARMUP_PAIRS} ({@code -Dbench.warmup=N}: exactly N). On two cores a compiler thread at work takes a core
     * from the relay: the recorded path, with more code to compile, kept C2 busy for about 3 s of a run.
     */
    private static int warmUp(ProxyServer proxy, List<CaptureLog> logs, byte[] frame, int count) throws Exception {
        Integer fixed = Integer.getInteger("bench.warmup");
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        int pairs = 0;
        while (true) {
            long before = jit.getTotalCompilationTime();
            pair(proxy, logs, frame, count, -1 - pairs);
            pairs++;
            boolean quiet = jit.getTotalCompilationTime() - before < QUIET_COMPILE_MILLIS;
            if (fixed != null ? pairs >= fixed : quiet || pairs >= MAX_WARMUP_PAIRS) {
                return pairs;
            }
        }
    }

    /** One plain run and one recorded run, back to back: their MB/s; the recorded capture is closed after it. */
    private static double[] pair(ProxyServer proxy, List<CaptureLog> logs, byte[] frame, int count, int round)
            throws Exception {
        long c0 = cpuNanos();
        long t0 = proxyThreadsCpu();
        double p = stream(proxy, frame, count, false);
        long c1 = cpuNanos();
        long t1 = proxyThreadsCpu();
        double w = stream(proxy, frame, count, true);
        long c2 = cpuNanos();
        long t2 = proxyThreadsCpu();
        logs.forEach(CaptureLog::close);
        logs.clear();
        if (Boolean.getBoolean("bench.verbose")) {
            System.err.printf(Locale.ROOT, "%d-byte frames, round %d: plain %.0f MB/s, recorded %.0f MB/s, %.2f;"
                    + " process CPU %.0f ms, %.0f ms; the proxy's threads %.1f ms, %.1f ms%n", frame.length, round,
                    p, w, w / p, (c1 - c0) / 1e6, (c2 - c1) / 1e6, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        }
        return new double[] {p, w};
    }

    /** MB/s through the proxy: a recorded WebSocket, or a plain tunnel of the same relay. */
    private static double stream(ProxyServer proxy, byte[] frame, int count, boolean upgrade) throws Exception {
        long total = (long) frame.length * count;
        try (Sink sink = new Sink(total);
             Socket client = tunnel(proxy, sink.port())) {
            OutputStream out = client.getOutputStream();
            if (upgrade) {
                out.write(upgradeRequest(sink.port()));
                readHead(client.getInputStream());
            }
            byte[] batch = new byte[frame.length * Math.max(1, 65536 / frame.length)];
            int perBatch = batch.length / frame.length;
            for (int i = 0; i < perBatch; i++) {
                System.arraycopy(frame, 0, batch, i * frame.length, frame.length);
            }
            long start = System.nanoTime();
            int sent = 0;
            while (sent < count) {
                int n = Math.min(perBatch, count - sent);
                out.write(batch, 0, n * frame.length);
                sent += n;
            }
            out.flush();
            long end = sink.awaitAll();
            return total / 1e6 / ((end - start) / 1e9);
        }
    }

    private static void latency(ProxyServer proxy, List<CaptureLog> logs) throws Exception {
        int messages = 5_000;
        try (Echo echo = new Echo()) {
            Samples direct = rtts(new Socket(InetAddress.getLoopbackAddress(), echo.port()), true, echo, messages);
            Samples plain = rtts(tunnel(proxy, echo.port()), false, echo, messages);
            Samples through = rtts(tunnel(proxy, echo.port()), true, echo, messages);
            System.out.printf(Locale.ROOT, "%nlatency, 16 B messages at 1,000/s, %,d round trips:%n", messages);
            System.out.println("| path | one way p50 µs | p90 µs | p99 µs | p99.9 µs | max µs | round trip p50 µs"
                    + " | p99 µs |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
            row("direct", direct);
            row("through a plain tunnel of the proxy", plain);
            row("through the recording proxy", through);
            System.out.printf(Locale.ROOT, "added by the recording proxy: p50 %.1f µs, p99 %.1f µs per message (one"
                    + " way); by the plain tunnel: p50 %.1f µs, p99 %.1f µs; per round trip (two messages):"
                    + " recording p50 %.1f µs, p99 %.1f µs%n", pct(through.oneWay, 50) - pct(direct.oneWay, 50),
                    pct(through.oneWay, 99) - pct(direct.oneWay, 99), pct(plain.oneWay, 50) - pct(direct.oneWay, 50),
                    pct(plain.oneWay, 99) - pct(direct.oneWay, 99), pct(through.rtt, 50) - pct(direct.rtt, 50),
                    pct(through.rtt, 99) - pct(direct.rtt, 99));
        }
        logs.forEach(CaptureLog::close);
    }

    private static void row(String path, Samples s) {
        long[] sorted = s.oneWay;
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n", path,
                pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted[sorted.length * 999 / 1000] / 1e3,
                sorted[sorted.length - 1] / 1e3, pct(s.rtt, 50), pct(s.rtt, 99));
    }

    /**
     * Sorted nanoseconds: each message's way from its writer to its reader (both ways of every round trip: the
     * app's message as the server read it, the server's answer as the app read it; one clock, one process), and
     * the round trips.
     */
    private record Samples(long[] oneWay, long[] rtt) {
    }

    /** Round trips of 16-byte messages; with {@code upgrade} after an upgrade, else as the tunnel's first bytes. */
    private static Samples rtts(Socket s, boolean upgrade, Echo echo, int messages) throws IOException {
        int port = echo.port();
        try (s) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            if (upgrade) {
                out.write(upgradeRequest(port));
                readHead(in);
            }
            byte[] frame = FrameEncoder.binary(new byte[16]).masked(0x01020304).encode();
            byte[] answer = new byte[18];
            long[] rtt = new long[messages];
            long[] oneWay = new long[2 * messages];
            long next = System.nanoTime();
            for (int i = -500; i < messages; i++) {
                next += 1_000_000;
                long t0 = System.nanoTime();
                out.write(frame);
                out.flush();
                in.readNBytes(answer, 0, answer.length);
                long t1 = System.nanoTime();
                if (i >= 0) {
                    rtt[i] = t1 - t0;
                    oneWay[2 * i] = echo.arrived - t0;
                    oneWay[2 * i + 1] = t1 - echo.answered;
                }
                LockSupport.parkNanos(next - System.nanoTime());
            }
            Arrays.sort(rtt);
            Arrays.sort(oneWay);
            return new Samples(oneWay, rtt);
        }
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e3;
    }

    /** CPU time of the whole process (client, proxy and server threads, and the collector). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time of the proxy's relay threads (a cached pool: they outlive a round). */
    private static long proxyThreadsCpu() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null && t.getThreadName().equals("framescope-proxy")) {
                sum += Math.max(0, mx.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static Socket tunnel(ProxyServer proxy, int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.address().getPort());
        s.setTcpNoDelay(true);
        s.getOutputStream().write(("CONNECT 127.0.0.1:" + port + " HTTP/1.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        readHead(s.getInputStream());
        return s;
    }

    private static byte[] upgradeRequest(int port) {
        return ("GET /bench HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("ended in a head: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void answer101(Socket s, String head) throws IOException {
        String key = HttpHeadParser.parseRequest(head.getBytes(StandardCharsets.ISO_8859_1)).orElseThrow().headers()
                .first("Sec-WebSocket-Key").orElse("");
        s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + Handshake.acceptFor(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Counts the bytes after the head (if any) and notes when the expected total has arrived. */
    private static final class Sink implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private volatile long doneAt;
        private final Thread thread;

        Sink(long expected) throws IOException {
            thread = new Thread(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[256 * 1024];
                    int first = in.read(buf, 0, 1);
                    long got = 0;
                    if (first == 1 && buf[0] == 'G') {
                        String head = "G" + readHead(in);
                        answer101(s, head);
                    } else if (first == 1) {
                        got = 1;
                    }
                    int n;
                    while (got < expected && (n = in.read(buf)) >= 0) {
                        got += n;
                    }
                    doneAt = System.nanoTime();
                } catch (IOException e) {
                    doneAt = -1;
                }
            }, "bench-sink");
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        long awaitAll() throws InterruptedException {
            thread.join();
            return doneAt;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** Answers each 22-byte masked 16-byte message with an 18-byte frame; one connection at a time. */
    private static final class Echo implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        /** When the last message had been read whole, and when its answer was about to be written. */
        private volatile long arrived;
        private volatile long answered;

        Echo() throws IOException {
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        s.setTcpNoDelay(true);
                        InputStream in = s.getInputStream();
                        byte[] reply = FrameEncoder.binary(new byte[16]).encode();
                        byte[] frame = new byte[22];
                        int first = in.read();
                        if (first == 'G') {
                            answer101(s, "G" + readHead(in));
                            first = in.read();
                        }
                        int got = first < 0 ? 0 : 1 + in.readNBytes(frame, 1, 21);
                        while (got == 22) {
                            arrived = System.nanoTime();
                            answered = System.nanoTime();
                            s.getOutputStream().write(reply);
                            s.getOutputStream().flush();
                            got = in.readNBytes(frame, 0, 22);
                        }
                    } catch (IOException e) {
                        // Next connection, or closed.
                    }
                }
            }, "bench-echo");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
