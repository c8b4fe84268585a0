package dev.framescope.proxy;

import dev.framescope.wire.Handshake;
import dev.framescope.wire.HttpHeadParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A raw WebSocket server on loopback that answers each upgrade with 101, runs a script, and keeps every byte it
 * received (head included), so a test can compare them with what the client wrote.
 */
final class RecordingServer implements AutoCloseable {

    interface Script {
        void run(Socket socket) throws IOException;
    }

    /** One accepted connection: its request head and everything it sent, as received. */
    static final class Peer {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        volatile String head = "";
        volatile boolean ended;

        synchronized byte[] received() {
            return bytes.toByteArray();
        }

        synchronized void add(byte[] b, int n) {
            bytes.write(b, 0, n);
        }
    }

    final List<Peer> peers = new CopyOnWriteArrayList<>();
    private final ServerSocket server;

    RecordingServer(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread c = new Thread(() -> serve(s, script), "recording-server-conn");
                    c.setDaemon(true);
                    c.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "recording-server");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve(Socket s, Script script) {
        Peer peer = new Peer();
        peers.add(peer);
        try (s) {
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.write(b);
                peer.add(new byte[] {(byte) b}, 1);
            }
            peer.head = head.toString(StandardCharsets.ISO_8859_1);
            String key = HttpHeadParser.parseRequest(head.toByteArray()).orElseThrow().headers()
                    .first("Sec-WebSocket-Key").orElse("");
            s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + Handshake.acceptFor(key) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            Thread reader = new Thread(() -> {
                byte[] buf = new byte[8192];
                try {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        peer.add(buf, n);
                    }
                } catch (IOException e) {
                    // The script may have reset the connection.
                }
                peer.ended = true;
            }, "recording-server-read");
            reader.setDaemon(true);
            reader.start();
            script.run(s);
            reader.join(10_000);
        } catch (IOException | InterruptedException e) {
            peer.ended = true;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
