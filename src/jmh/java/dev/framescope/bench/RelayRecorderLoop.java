package dev.framescope.bench;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.MemoryBudget;
import dev.framescope.capture.PayloadStore;
import dev.framescope.engine.RelayRecorder;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Handshake;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The proxy's recorder alone, without sockets: N pre-encoded masked binary frames of one size, cut into reads of a
 * given size as the relay would read them, given to {@link RelayRecorder#fromClient} into a capture outside the
 * heap (as the proxy keeps it), a new capture per round, the last one closed first. Prints MB/s per round.
 *
 * <p>Run: {@code java -Xmx2g -XX:+UseParallelGC -cp target/benchmarks.jar dev.framescope.bench.RelayRecorderLoop
 * [FRAME_BYTES [FRAMES [READ_BYTES [ROUNDS]]]]} (defaults 1024, 100000, 65536, 20)
 */
public final class RelayRecorderLoop {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int readSize = args.length > 2 ? Integer.parseInt(args[2]) : 65536;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        byte[] frame = FrameEncoder.binary(new byte[size]).masked(0x12345678).encode();
        long total = (long) frame.length * count;
        byte[] request = ("GET /loop HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] response = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + Handshake.acceptFor(KEY) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        MemoryBudget budget = new MemoryBudget(512L << 20);
        byte[] read = new byte[readSize];
        for (int round = 0; round < rounds; round++) {
            try (CaptureLog log = new CaptureLog(1, "loop", PayloadStore.outsideHeap(budget))) {
                RelayRecorder recorder = new RelayRecorder(log, System::nanoTime);
                recorder.fromClient(request, 0, request.length, 1);
                recorder.fromServer(response, 0, response.length, 2);
                long start = System.nanoTime();
                for (long at = 0; at < total; ) {
                    int n = (int) Math.min(readSize, total - at);
                    fill(read, n, frame, at);
                    recorder.fromClient(read, 0, n, start);
                    at += n;
                }
                long end = System.nanoTime();
                System.out.printf(Locale.ROOT, "round %d: %,.0f MB/s, %,d events%n", round,
                        total / 1e6 / ((end - start) / 1e9), log.size());
            }
        }
    }

    /** The next {@code n} bytes of the endless stream of {@code frame}, from stream position {@code at}. */
    private static void fill(byte[] read, int n, byte[] frame, long at) {
        for (int i = 0; i < n; ) {
            int in = (int) ((at + i) % frame.length);
            int k = Math.min(n - i, frame.length - in);
            System.arraycopy(frame, in, read, i, k);
            i += k;
        }
    }
}
