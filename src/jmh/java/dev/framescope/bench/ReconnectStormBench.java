package dev.framescope.bench;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.PayloadStore;
import dev.framescope.engine.Connection;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.Engine;
import dev.framescope.engine.EngineSettings;
import dev.framescope.engine.ReconnectPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reconnect storm: N clients refused together by a server in maintenance (every upgrade answered 503) retry with
 * the default jittered exponential backoff. Prints how the server's load spreads: attempts per 100 ms window
 * (peak and when), against the N-per-window a client without jitter would produce at every retry.
 *
 * <p>Run: {@code mvn -Pbench -DskipTests package && java -cp target/benchmarks.jar
 * dev.framescope.bench.ReconnectStormBench 200 6}
 */
public final class ReconnectStormBench {

    private static final long WINDOW_NANOS = 100_000_000L;

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int retries = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        ReconnectPolicy policy = ReconnectPolicy.backoff(Duration.ofMillis(250), Duration.ofSeconds(4), retries);
        List<Long> attempts = Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> serve(server, attempts), "maintenance");
            t.setDaemon(true);
            t.start();
            URI uri = URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/");
            long start = System.nanoTime();
            List<Connection> open = new ArrayList<>();
            Engine engine = Engine.start(EngineSettings.DEFAULTS);
            for (int i = 0; i < clients; i++) {
                open.add(engine.open(ConnectionSpec.to(uri).withReconnect(policy),
                        new CaptureLog(i, "client " + i, new PayloadStore(1 << 20))));
            }
            for (Connection c : open) {
                c.awaitEnded(Duration.ofMinutes(2));
            }
            long end = System.nanoTime();
            List<Long> times;
            synchronized (attempts) {
                times = new ArrayList<>(attempts);
            }
            int[] perWindow = new int[(int) ((end - start) / WINDOW_NANOS) + 1];
            for (long at : times) {
                perWindow[(int) ((at - start) / WINDOW_NANOS)]++;
            }
            int peak = 0;
            int peakAt = 0;
            for (int w = 0; w < perWindow.length; w++) {
                if (perWindow[w] > peak) {
                    peak = perWindow[w];
                    peakAt = w;
                }
            }
            System.out.printf("%d clients, %d retries each (backoff 250 ms ×2, cap 4 s, jitter [base/2, base])%n"
                            + "server saw %,d attempts (expected %,d) over %.1f s%n"
                            + "peak %d attempts per 100 ms, at %.1f s (without jitter every retry wave would put all"
                            + " %d clients in one window)%n",
                    clients, retries, times.size(), clients * (retries + 1), (end - start) / 1e9,
                    peak, peakAt / 10.0, clients);
            StringBuilder strip = new StringBuilder("attempts per 100 ms: ");
            for (int count : perWindow) {
                strip.append(count).append(' ');
            }
            System.out.println(strip.toString().trim());
            open.forEach(c -> c.log().close());
        }
        System.exit(0);
    }

    private static void serve(ServerSocket server, List<Long> attempts) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                attempts.add(System.nanoTime());
                skipHead(s.getInputStream());
                s.getOutputStream().write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // a client that hung up early
            }
        }
    }

    private static void skipHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }
}
