package dev.framescope.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.LogQueries;
import dev.framescope.wire.FrameEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 200 connections at once through the proxy: every one relayed and captured whole, and once the proxy is closed no
 * thread of its own is left and the process holds no more file descriptors than before (Linux: /proc/self/fd).
 */
class ProxyLoadTest {

    private static final int CONNECTIONS = 200;

    private static long openDescriptors() {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long proxyThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("framescope-proxy")).count();
    }

    @Test
    void twoHundredConnectionsAtOnceAreAllCapturedAndNothingLeaks() throws Exception {
        long fdsBefore = openDescriptors();
        List<String> failures = new CopyOnWriteArrayList<>();
        try (RecordingServer upstream = new RecordingServer(s -> {
            s.getOutputStream().write(FrameEncoder.text("welcome").encode());
            s.getOutputStream().flush();
        })) {
            ProxyFixture proxy = new ProxyFixture();
            ExecutorService clients = Executors.newFixedThreadPool(50);
            try {
                String authority = "127.0.0.1:" + upstream.port();
                List<Future<?>> done = new java.util.ArrayList<>();
                for (int i = 0; i < CONNECTIONS; i++) {
                    int n = i;
                    done.add(clients.submit(() -> {
                        try {
                            client(proxy.port(), authority, n);
                        } catch (IOException | RuntimeException e) {
                            failures.add(n + ": " + e);
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
                assertEquals(List.of(), failures);
                Await.until(Duration.ofSeconds(60), () -> proxy.logs.size() == CONNECTIONS
                        && proxy.logs.stream().allMatch(LogQueries::closed), "every capture closed: "
                        + proxy.logs.stream().filter(LogQueries::closed).count());
                for (CaptureLog log : proxy.logs) {
                    List<String> out = LogQueries.texts(log, Direction.OUT);
                    assertEquals(1, out.size(), LogQueries.dump(log));
                    assertTrue(out.get(0).startsWith("client "), out.toString());
                    assertEquals(List.of("welcome"), LogQueries.texts(log, Direction.IN));
                }
                assertEquals(CONNECTIONS, proxy.server.counts().intercepted());
                Await.until(Duration.ofSeconds(20), () -> proxy.server.openSockets() == 0, "every socket closed");
            } finally {
                clients.shutdownNow();
                proxy.close();
            }
            proxy.logs.forEach(CaptureLog::close);
        }
        Await.until(Duration.ofSeconds(20), () -> proxyThreads() == 0, "no proxy thread left: " + proxyThreads());
        Await.until(Duration.ofSeconds(20), () -> openDescriptors() <= fdsBefore + 5,
                "file descriptors back near " + fdsBefore);
    }

    /** Upgrades through the proxy (absolute form), sends one masked text and its close, reads the welcome. */
    private static void client(int proxyPort, String authority, int n) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxyPort)) {
            s.setSoTimeout(30_000);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(("GET http://" + authority + "/load/" + n + " HTTP/1.1\r\nHost: " + authority + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(FrameEncoder.text("client " + n).masked(n + 1).encode());
            s.getOutputStream().write(out.toByteArray());
            byte[] welcome = FrameEncoder.text("welcome").encode();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[1024];
            while (!got.toString(StandardCharsets.ISO_8859_1).endsWith(new String(welcome,
                    StandardCharsets.ISO_8859_1))) {
                int r = s.getInputStream().read(buf);
                if (r < 0) {
                    throw new IOException("ended before the welcome: " + got.toString(StandardCharsets.ISO_8859_1));
                }
                got.write(buf, 0, r);
            }
            s.getOutputStream().write(FrameEncoder.close(1000, "bye").masked(7).encode());
        }
    }
}
