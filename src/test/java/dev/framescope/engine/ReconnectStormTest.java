package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.ConnectionState;
import dev.framescope.capture.PayloadStore;
import dev.framescope.testutil.Await;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Twenty clients against a server in maintenance (every upgrade answered 503): each retries on its own backoff,
 * so the server sees each client no sooner than the lower bound of its jittered delay — a storm would show up as
 * gaps shorter than that.
 */
class ReconnectStormTest {

    private static final int CLIENTS = 20;
    private static final int RETRIES = 5;
    private static final long INITIAL_MS = 40;
    private static final long CAP_MS = 320;

    @Test
    void clientsRefusedTogetherRetryNoFasterThanTheirBackoff() throws Exception {
        try (MaintenanceServer server = new MaintenanceServer()) {
            List<Connection> clients = new ArrayList<>();
            ReconnectPolicy policy = ReconnectPolicy.backoff(Duration.ofMillis(INITIAL_MS), Duration.ofMillis(CAP_MS),
                    RETRIES);
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(Captures.REAL_TIME.open(ConnectionSpec.to(server.uri("/client" + i)).withReconnect(policy),
                        new CaptureLog(i, "client " + i, new PayloadStore(1 << 20))));
            }
            Await.until(Duration.ofSeconds(30), () -> clients.stream().allMatch(Connection::ended),
                    "every client gives up after its retries");
            for (int i = 0; i < CLIENTS; i++) {
                List<Long> seen = server.attempts("/client" + i);
                assertEquals(1 + RETRIES, seen.size(), "client " + i + ": first try and its retries, no more");
                for (int retry = 1; retry <= RETRIES; retry++) {
                    long floor = Math.min(INITIAL_MS << (retry - 1), CAP_MS) / 2;
                    long gapMs = (seen.get(retry) - seen.get(retry - 1)) / 1_000_000;
                    assertTrue(gapMs >= floor, "client " + i + " retry " + retry + " came after " + gapMs
                            + " ms, before its backoff floor of " + floor + " ms");
                }
                assertEquals(ConnectionState.FAILED, clients.get(i).state());
                assertTrue(clients.get(i).failure().orElseThrow().contains("503"), clients.get(i).failure().get());
            }
        }
    }

    /** Answers every request with 503 and remembers when each path asked. */
    static final class MaintenanceServer implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        private final Map<String, List<Long>> attempts = new ConcurrentHashMap<>();

        MaintenanceServer() throws IOException {
            Thread t = new Thread(this::serve, "maintenance-server");
            t.setDaemon(true);
            t.start();
        }

        URI uri(String path) {
            return URI.create("ws://127.0.0.1:" + server.getLocalPort() + path);
        }

        List<Long> attempts(String path) {
            return attempts.getOrDefault(path, List.of());
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    long now = System.nanoTime();
                    String path = requestPath(s.getInputStream());
                    attempts.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(now);
                    s.getOutputStream().write(("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 11\r\n"
                            + "Connection: close\r\n\r\nmaintenance").getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // a client that hung up early, or the server closing
                }
            }
        }

        private static String requestPath(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (head.indexOf("\r\n\r\n") < 0) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
            String[] requestLine = head.toString().split(" ", 3);
            return requestLine.length > 1 ? requestLine[1] : "";
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
