package dev.framescope.testutil;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * Java-WebSocket's client (a peer nobody here wrote) through our proxy: sends one message when open and keeps what
 * comes back — text as it is, binary as lower-case hex, an error as "error: …" — optionally closing with 1000 after
 * the first answer.
 */
public final class ProxiedClient extends WebSocketClient {

    private final List<String> got = new CopyOnWriteArrayList<>();
    private final Object first;
    private final boolean closeAfterFirstAnswer;

    private ProxiedClient(URI uri, Object first, boolean closeAfterFirstAnswer) {
        super(uri);
        this.first = first;
        this.closeAfterFirstAnswer = closeAfterFirstAnswer;
    }

    /**
     * Connects to {@code uri} through the HTTP proxy on loopback {@code proxyPort}, then sends {@code first} (a
     * String as text, a byte[] as binary).
     *
     * @throws AssertionError when the connection is not open within 10 s
     */
    public static ProxiedClient connect(int proxyPort, URI uri, Object first, boolean closeAfterFirstAnswer)
            throws InterruptedException {
        ProxiedClient client = new ProxiedClient(uri, first, closeAfterFirstAnswer);
        client.setProxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxyPort)));
        if (!client.connectBlocking(10, TimeUnit.SECONDS)) {
            throw new AssertionError("not connected through the proxy on port " + proxyPort + ": " + client.got);
        }
        return client;
    }

    /** What came back so far, in order. */
    public List<String> got() {
        return got;
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        if (first instanceof byte[] bytes) {
            send(bytes);
        } else {
            send((String) first);
        }
    }

    @Override
    public void onMessage(String message) {
        answered(message);
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        byte[] b = new byte[bytes.remaining()];
        bytes.get(b);
        answered(HexFormat.of().formatHex(b));
    }

    private void answered(String what) {
        got.add(what);
        if (closeAfterFirstAnswer) {
            close(1000, "enough");
        }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
    }

    @Override
    public void onError(Exception ex) {
        got.add("error: " + ex);
    }
}
