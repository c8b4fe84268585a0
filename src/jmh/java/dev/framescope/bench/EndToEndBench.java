package dev.framescope.bench;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.PayloadStore;
import dev.framescope.engine.Connection;
import dev.framescope.engine.ConnectionSpec;
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
 * receive them, alternately, in the same run. Prints messages/s, the ratio, and capture heap per frame.
 *
 * <p>Run: {@code mvn -Pbench -DskipTests package && java -Xmx3g -cp target/benchmarks.jar
 * dev.framescope.bench.EndToEndBench}
 */
public final class EndToEndBench {

    private static final int ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        int[][] cases = {{16, 1_000_000}, {1024, 300_000}, {65536, 8_000}};
        System.out.println("| message | messages | plain Java-WebSocket msg/s | instrumented msg/s | ratio | capture heap B/frame |");
        System.out.println("|--------:|---------:|--------------------------:|-------------------:|------:|---------------------:|");
        for (int[] c : cases) {
            run(c[0], c[1]);
        }
    }

    private static void run(int size, int count) throws Exception {
        byte[] stream = frames(size, count);
        double bestPlain = 0;
        double bestOurs = 0;
        double heapPerFrame = 0;
        for (int round = 0; round < ROUNDS; round++) {
            try (Blaster server = new Blaster(stream)) {
                bestPlain = Math.max(bestPlain, plain(server.uri(), count));
            }
            try (Blaster server = new Blaster(stream)) {
                double[] ours = instrumented(server.uri(), count);
                bestOurs = Math.max(bestOurs, ours[0]);
                heapPerFrame = ours[1];
            }
        }
        System.out.printf(Locale.ROOT, "| %d B | %,d | %,.0f | %,.0f | %.2f | %.0f |%n", size, count, bestPlain,
                bestOurs, bestOurs / bestPlain, heapPerFrame);
    }

    private static byte[] frames(int size, int count) {
        byte[] one = FrameEncoder.binary(new byte[size]).encode();
        ByteBuffer all = ByteBuffer.allocate(one.length * count);
        for (int i = 0; i < count; i++) {
            all.put(one);
        }
        return all.array();
    }

    private static double plain(URI uri, int count) throws Exception {
        System.gc();
        AtomicLong received = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        WebSocketClient client = new WebSocketClient(uri) {
            @Override
            public void onOpen(ServerHandshake handshake) {
            }

            @Override
            public void onMessage(String message) {
            }

            @Override
            public void onMessage(ByteBuffer bytes) {
                if (received.incrementAndGet() == count) {
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
        long start = System.nanoTime();
        client.connectBlocking();
        done.await(120, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        client.closeBlocking();
        check(received.get(), count, "plain");
        return count / (elapsed / 1e9);
    }

    private static double[] instrumented(URI uri, int count) throws Exception {
        System.gc();
        long heapBefore = usedHeap();
        CaptureLog log = new CaptureLog(1, uri.toString(), new PayloadStore(PayloadStore.DEFAULT_BUDGET));
        long start = System.nanoTime();
        Connection c = Connection.open(ConnectionSpec.to(uri), log);
        long deadline = start + TimeUnit.SECONDS.toNanos(120);
        while (log.counters().messagesIn() < count && System.nanoTime() < deadline && !c.ended()) {
            LockSupport.parkNanos(200_000);
        }
        long elapsed = System.nanoTime() - start;
        check(log.counters().messagesIn(), count, "instrumented");
        System.gc();
        double perFrame = (usedHeap() - heapBefore) / (double) log.counters().framesIn();
        c.close();
        c.awaitEnded(java.time.Duration.ofSeconds(5));
        log.close();
        return new double[] {count / (elapsed / 1e9), perFrame};
    }

    private static void check(long got, int count, String who) {
        if (got != count) {
            throw new IllegalStateException(who + " received " + got + " of " + count + " messages");
        }
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Accepts one connection, upgrades it, writes the stream, then waits for the client to go. */
    private static final class Blaster implements AutoCloseable {
        private final ServerSocket server;

        Blaster(byte[] stream) throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> serve(stream), "blaster");
            t.setDaemon(true);
            t.start();
        }

        URI uri() {
            return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/");
        }

        private void serve(byte[] stream) {
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
                for (int from = 0; from < stream.length; from += 1 << 20) {
                    out.write(stream, from, Math.min(1 << 20, stream.length - from));
                }
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
