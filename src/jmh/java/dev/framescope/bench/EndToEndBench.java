package dev.framescope.bench;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.cli.AppOptions;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.PayloadStore;
import dev.framescope.engine.Connection;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.Engine;
import dev.framescope.engine.EngineSettings;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Handshake;
import dev.framescope.wire.HttpHeadParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * End-to-end receive throughput on loopback: a blasting server writes N pre-encoded binary frames as fast as the
 * socket takes them; a plain Java-WebSocket client and our instrumented engine (tap + dissector + capture log) each
 * receive them, alternately, in the same run. Each is timed from the server's 101 to its last message. Prints the
 * median messages/s of each, the median and range of the rounds' ratios, and capture heap per frame.
 *
 * <p>Run: {@code mvn -Pbench -DskipTests package && java -Xmx3g -XX:+UseParallelGC -cp target/benchmarks.jar
 * dev.framescope.bench.EndToEndBench [SIZE COUNT [ROUNDS]]}
 */
public final class EndToEndBench {

    /** {@code -Dframescope.libraryReadsEveryFrame=true} compares against the library decoding every frame. */
    private static final EngineSettings SETTINGS = new EngineSettings(
            AppOptions.fromProcess(new String[0]).options().libraryReadsEveryFrame());

    /** Measured rounds, after one unmeasured pair that lets both clients' code be compiled. */
    private static int rounds = 7;

    public static void main(String[] args) throws Exception {
        // Sized to run for about a second each and stay within the default capture budget (512 MiB), so the
        // instrumented side keeps everything on the heap as it would for a session of that size.
        int[][] cases = {{16, 5_000_000}, {1024, 300_000}, {65536, 4_000}};
        if (args.length >= 2) {
            cases = new int[][] {{Integer.parseInt(args[0]), Integer.parseInt(args[1])}};
        }
        if (args.length >= 3) {
            rounds = Integer.parseInt(args[2]);
        }
        System.out.println("| message | type | messages | plain Java-WebSocket msg/s | Framescope (our driver) msg/s |"
                + " ratio (median) | ratio (range) | capture heap B/frame |");
        System.out.println("|--------:|:-----|---------:|--------------------------:|------------------------------:|"
                + "---------------:|--------------:|---------------------:|");
        for (int[] c : cases) {
            run(c[0], c[1], false);
            run(c[0], c[1], true);
        }
    }

    private static void run(int size, int count, boolean text) throws Exception {
        byte[] payload = new byte[size];
        java.util.Arrays.fill(payload, (byte) 'a');
        Stream stream = new Stream((text ? FrameEncoder.frame(dev.framescope.wire.Opcode.TEXT).payload(payload)
                : FrameEncoder.binary(payload)).encode(), count);
        double[] plain = new double[rounds];
        double[] ours = new double[rounds];
        double[] ratios = new double[rounds];
        double heapPerFrame = 0;
        try (Blaster server = new Blaster(stream)) {
            plain(server.uri(), count);
        }
        try (Blaster server = new Blaster(stream)) {
            instrumented(server.uri(), count);
        }
        for (int round = 0; round < rounds; round++) {
            try (Blaster server = new Blaster(stream)) {
                plain[round] = plain(server.uri(), count);
            }
            try (Blaster server = new Blaster(stream)) {
                double[] result = instrumented(server.uri(), count);
                ours[round] = result[0];
                heapPerFrame = result[1];
            }
            // Each round's pair ran back to back, so their ratio cancels the machine's drift between rounds.
            ratios[round] = ours[round] / plain[round];
            System.err.printf(Locale.ROOT, "  %d B round %d: plain %,.0f, instrumented %,.0f msg/s%n", size, round + 1,
                    plain[round], ours[round]);
        }
        System.out.printf(Locale.ROOT, "| %d B | %s | %,d | %,.0f | %,.0f | %.2f | %.2f–%.2f | %.0f |%n", size,
                text ? "text" : "binary", count, median(plain), median(ours), median(ratios), min(ratios), max(ratios),
                heapPerFrame);
    }

    /** {@code count} copies of one encoded frame, written from a pre-encoded block of about 1 MiB. */
    private record Stream(byte[] block, int framesPerBlock, int count) {
        Stream(byte[] frame, int count) {
            this(repeat(frame, Math.max(1, (1 << 20) / frame.length)), Math.max(1, (1 << 20) / frame.length), count);
        }

        private static byte[] repeat(byte[] frame, int times) {
            ByteBuffer all = ByteBuffer.allocate(frame.length * times);
            for (int i = 0; i < times; i++) {
                all.put(frame);
            }
            return all.array();
        }

        void writeTo(OutputStream out) throws IOException {
            int frameBytes = block.length / framesPerBlock;
            for (int left = count; left > 0; left -= framesPerBlock) {
                out.write(block, 0, Math.min(left, framesPerBlock) * frameBytes);
            }
        }
    }

    private static double plain(URI uri, int count) throws Exception {
        System.gc();
        AtomicLong received = new AtomicLong();
        AtomicLong openedAt = new AtomicLong();
        AtomicLong doneAt = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        WebSocketClient client = new WebSocketClient(uri) {
            @Override
            public void onOpen(ServerHandshake handshake) {
                openedAt.set(System.nanoTime());
            }

            @Override
            public void onMessage(String message) {
                if (received.incrementAndGet() == count) {
                    doneAt.set(System.nanoTime());
                    done.countDown();
                }
            }

            @Override
            public void onMessage(ByteBuffer bytes) {
                if (received.incrementAndGet() == count) {
                    doneAt.set(System.nanoTime());
                    done.countDown();
                }
            }

            @Override
            public void onClose(int code, String reason, boolean remote) {
                done.countDown();
            }

            @Override
            public void onError(Exception ex) {
            }
        };
        client.setConnectionLostTimeout(0);
        client.connectBlocking();
        done.await(120, TimeUnit.SECONDS);
        long elapsed = doneAt.get() - openedAt.get();
        client.closeBlocking();
        check(received.get(), count, "plain");
        return count / (elapsed / 1e9);
    }

    private static double[] instrumented(URI uri, int count) throws Exception {
        System.gc();
        long heapBefore = usedHeap();
        CaptureLog log = new CaptureLog(1, uri.toString(), new PayloadStore(PayloadStore.DEFAULT_BUDGET));
        long gcBefore = gcMillis();
        Engine engine = Engine.start(SETTINGS);
        Connection c = engine.open(ConnectionSpec.to(uri), log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        // Checked each millisecond: polling much faster would itself take CPU from the engine on two cores (the
        // plain client's clock stops in its own callback instead); the end is late by at most that millisecond.
        while (log.counters().messagesIn() < count && System.nanoTime() < deadline && !c.ended()) {
            LockSupport.parkNanos(1_000_000);
        }
        long doneAt = System.nanoTime();
        // From the moment the tap saw the server's 101 (the plain client's clock starts at its onOpen).
        long elapsed = doneAt - handshakeNanos(log);
        check(log.counters().messagesIn(), count, "instrumented");
        System.gc();
        double perFrame = (usedHeap() - heapBefore) / (double) log.counters().framesIn();
        c.close();
        c.awaitEnded(java.time.Duration.ofSeconds(5));
        engine.close();
        log.close();
        return new double[] {count / (elapsed / 1e9), perFrame};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return java.util.Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return java.util.Arrays.stream(values).max().orElse(0);
    }

    private static long handshakeNanos(CaptureLog log) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i) instanceof CaptureEvent.HandshakeEvent h) {
                return h.nanos();
            }
        }
        throw new IllegalStateException("no handshake in the capture");
    }

    private static void check(long got, int count, String who) {
        if (got != count) {
            throw new IllegalStateException(who + " received " + got + " of " + count + " messages");
        }
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> b.getCollectionTime()).sum();
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Accepts one connection, upgrades it, writes the stream, then waits for the client to go. */
    private static final class Blaster implements AutoCloseable {
        private final ServerSocket server;

        Blaster(Stream stream) throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> serve(stream), "blaster");
            t.setDaemon(true);
            t.start();
        }

        URI uri() {
            return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/");
        }

        private void serve(Stream stream) {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    head.write(in.read());
                }
                String key = HttpHeadParser.parseRequest(head.toByteArray()).orElseThrow().headers()
                        .first("Sec-WebSocket-Key").orElseThrow();
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + Handshake.acceptFor(key) + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                stream.writeTo(out);
                out.flush();
                // The client's close frame (or EOF) ends the run; closing TCP then completes its close.
                in.read(new byte[8192]);
            } catch (IOException e) {
                // the client went away
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
