package dev.framescope.engine;

import dev.framescope.testutil.HttpHeads;
import dev.framescope.wire.Handshake;
import dev.framescope.wire.HttpHeadParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

/** A one-connection server on loopback that answers with exactly the bytes a test scripts. */
public final class RawServer implements AutoCloseable {

    /** What to do with the accepted socket once the request head has been read. */
    public interface Script {
        void run(Socket socket, String acceptValue) throws IOException;
    }

    private final ServerSocket server;
    private final Thread thread;

    public RawServer(Script script) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> {
            try (Socket s = server.accept()) {
                String key = readKey(s.getInputStream());
                script.run(s, Handshake.acceptFor(key));
            } catch (IOException e) {
                // The test asserts on what the client recorded.
            }
        }, "raw-server");
        thread.setDaemon(true);
        thread.start();
    }

    public URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + path);
    }

    public static String upgrade(String accept) {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n";
    }

    private static String readKey(InputStream in) throws IOException {
        return HttpHeadParser.parseRequest(HttpHeads.read(in)).orElseThrow().headers().first("Sec-WebSocket-Key")
                .orElse("");
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
