package dev.framescope.bench;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Stamp;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionReader.LoadProblem;
import dev.framescope.capture.io.SessionVisitor;
import dev.framescope.cli.Main;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Handshake;
import dev.framescope.wire.MessageDeflater;
import dev.framescope.wire.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compression bomb at a small heap, end to end: a loopback server sends one permessage-deflate message that
 * inflates to {@code MiB} (default 96, past the default 64 MiB limit); {@code framescope capture} records it into a
 * session file in this process; the file is then read back and the flagged frame described.
 *
 * <pre>
 *   java -Xmx512m -cp target/benchmarks.jar dev.framescope.bench.BombRun [MiB=96] [out.fscap]
 * </pre>
 */
public final class BombRun {

    private BombRun() {
    }

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 96;
        Path file = args.length > 1 ? Path.of(args[1]) : Files.createTempFile("framescope-bomb-", ".fscap");
        byte[] bomb;
        try (MessageDeflater d = new MessageDeflater(15, false)) {
            bomb = d.deflate(new byte[mib << 20]).orElseThrow();
        }
        byte[] wire = FrameEncoder.binary(bomb).rsv1(true).encode();
        System.out.printf("heap max %d MiB; bomb: %,d compressed bytes inflating to %d MiB%n",
                Runtime.getRuntime().maxMemory() >> 20, bomb.length, mib);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread peer = new Thread(() -> serve(server, wire), "bomb server");
            peer.setDaemon(true);
            peer.start();
            long t0 = System.nanoTime();
            int code = Main.run("capture", "ws://127.0.0.1:" + server.getLocalPort() + "/", "--offer",
                    "permessage-deflate", "--duration", "3s", "--out", file.toString());
            System.out.printf("capture exited %d after %.1f s; session file %,d bytes%n", code,
                    (System.nanoTime() - t0) / 1e9, Files.size(file));
        }
        describe(file);
    }

    private static void serve(ServerSocket server, byte[] bomb) {
        try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.append((char) b);
            }
            Matcher key = Pattern.compile("(?i)Sec-WebSocket-Key:\\s*(\\S+)").matcher(head);
            if (!key.find()) {
                return;
            }
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + Handshake.acceptFor(key.group(1)) + "\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(FrameEncoder.text("before the bomb").encode());
            out.write(bomb);
            out.flush();
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // The capture closed the connection: nothing more to send.
        }
    }

    /** Reads the file back one event at a time and prints the flagged frame. */
    private static void describe(Path file) throws IOException {
        SessionFiles.stream(file, new SessionVisitor() {
            @Override
            public CaptureLog connection(long id, JsonNode line) {
                return SessionFiles.contextLog(id, line);
            }

            @Override
            public void event(CaptureLog log, long nanos, Function<Stamp, CaptureEvent> event) {
                CaptureEvent e = event.apply(new Stamp(log.connectionId(), 0, nanos));
                if (e.findings().stream().anyMatch(f -> f.violation() == Violation.INFLATE_LIMIT_EXCEEDED)) {
                    String what = e instanceof CaptureEvent.FrameEvent f ? String.format("frame: %,d compressed "
                            + "bytes in the file, %,d inflated bytes kept", f.payload().length(),
                            f.inflated().map(p -> p.length()).orElse(0)) : e.getClass().getSimpleName();
                    System.out.println("flagged INFLATE_LIMIT_EXCEEDED in the file: " + what);
                }
            }

            @Override
            public void problem(LoadProblem problem) {
                System.out.println("problem: " + problem);
            }
        });
    }
}
