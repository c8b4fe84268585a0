package dev.framescope.probe;

import dev.framescope.testutil.HttpHeads;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Handshake;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately sloppy echo server on loopback: it echoes every data frame as it came (invalid UTF-8 included),
 * ignores reserved bits and opcodes, never answers pings, and answers a close with 1001 instead of echoing the code.
 * In its upgrade it accepts any extension offered under an {@code x-} name, unknown as it must be to the server, and
 * selects a subprotocol of its own whenever one is offered. One thread per connection.
 */
public final class SloppyServer implements AutoCloseable {

    static final int WRONG_CODE = 1001;
    static final String OWN_SUBPROTOCOL = "sloppy.v0";
    private static final Pattern KEY = Pattern.compile("(?im)^sec-websocket-key:\\s*(\\S+)");
    private static final Pattern UNKNOWN_EXTENSION =
            Pattern.compile("(?im)^sec-websocket-extensions:\\s*(x-[^\\r\\n]*)");
    private static final Pattern SUBPROTOCOLS = Pattern.compile("(?im)^sec-websocket-protocol:");

    private final ServerSocket server;

    public SloppyServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "sloppy-accept");
        t.setDaemon(true);
        t.start();
    }

    public URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/");
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "sloppy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            String head = HttpHeads.readText(in);
            Matcher m = KEY.matcher(head);
            if (!m.find()) {
                return;
            }
            Matcher unknown = UNKNOWN_EXTENSION.matcher(head);
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + Handshake.acceptFor(m.group(1)) + "\r\n"
                    + (unknown.find() ? "Sec-WebSocket-Extensions: " + unknown.group(1).trim() + "\r\n" : "")
                    + (SUBPROTOCOLS.matcher(head).find() ? "Sec-WebSocket-Protocol: " + OWN_SUBPROTOCOL + "\r\n" : "")
                    + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = in.readLong();
                }
                byte[] key = new byte[4];
                if ((b1 & 0x80) != 0) {
                    in.readFully(key);
                }
                byte[] payload = new byte[(int) len];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= key[i % 4];
                }
                int opcode = b0 & 0x0f;
                boolean fin = (b0 & 0x80) != 0;
                if (opcode == 8) {
                    out.write(FrameEncoder.close(WRONG_CODE, "").encode());
                    out.flush();
                    return;
                }
                if (opcode <= 2) {
                    out.write(new FrameEncoder().opcode(opcode).fin(fin).payload(payload).encode());
                    out.flush();
                }
                // Pings, pongs and reserved opcodes: nothing.
            }
        } catch (IOException e) {
            // The client went away: the probe grades what it saw.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

}
