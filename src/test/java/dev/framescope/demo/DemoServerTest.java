package dev.framescope.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.testutil.Await;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each scenario driven by a plain Java-WebSocket client, asserted from what arrives. */
class DemoServerTest {

    private static DemoServer server;

    @BeforeAll
    static void start() throws InterruptedException {
        server = new DemoServer(0).startAndWait();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.close();
    }

    /** A client that records everything it is told. */
    static final class Recorder extends WebSocketClient {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final List<ByteBuffer> binaries = new CopyOnWriteArrayList<>();
        final List<String> pings = new CopyOnWriteArrayList<>();
        final AtomicInteger closeCode = new AtomicInteger(-1);
        final AtomicLong pongNanos = new AtomicLong();
        volatile ServerHandshake handshake;

        Recorder(URI uri) {
            super(uri);
            setConnectionLostTimeout(0);
        }

        @Override
        public void onOpen(ServerHandshake h) {
            handshake = h;
        }

        @Override
        public void onMessage(String message) {
            texts.add(message);
        }

        @Override
        public void onMessage(ByteBuffer bytes) {
            binaries.add(bytes);
        }

        @Override
        public void onWebsocketPing(WebSocket conn, Framedata f) {
            pings.add(StandardCharsets.UTF_8.decode(f.getPayloadData()).toString());
            super.onWebsocketPing(conn, f);
        }

        @Override
        public void onWebsocketPong(WebSocket conn, Framedata f) {
            pongNanos.set(System.nanoTime());
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            closeCode.set(code);
        }

        @Override
        public void onError(Exception ex) {
        }
    }

    private static Recorder connect(String path) throws InterruptedException {
        Recorder client = new Recorder(server.uri(path));
        assertTrue(client.connectBlocking(), "connect to " + path);
        return client;
    }

    @Test
    void echo() throws Exception {
        Recorder c = connect("/echo");
        c.send("hello demo");
        c.send(new byte[] {1, 2, 3});
        Await.until(() -> c.texts.contains("hello demo") && c.binaries.size() == 1, "echoes");
        c.closeBlocking();
    }

    @Test
    void tickerSendsCountTicksInOrder() throws Exception {
        Recorder c = connect("/ticker?rate=5000&count=50&size=120");
        Await.until(() -> c.texts.size() == 50, "50 ticks");
        for (int i = 0; i < 50; i++) {
            assertTrue(c.texts.get(i).startsWith("{\"seq\":" + (i + 1) + ","), c.texts.get(i));
        }
        assertEquals(120, c.texts.get(0).length());
        c.closeBlocking();
    }

    @Test
    void encodingsSendsOneOrderInFourEncodings() throws Exception {
        Recorder c = connect("/encodings");
        Await.until(() -> c.texts.size() == 1 && c.binaries.size() == 3, "JSON, MessagePack, CBOR, protobuf");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(c.texts.get(0));
        assertEquals(EncodingSamples.CUSTOMER, json.get("customer").asText());
        byte[][] bin = c.binaries.stream().map(b -> {
            byte[] a = new byte[b.remaining()];
            b.duplicate().get(a);
            return a;
        }).toArray(byte[][]::new);
        var msgpack = org.msgpack.core.MessagePack.newDefaultUnpacker(bin[0]).unpackValue().asMapValue().map();
        assertEquals(EncodingSamples.CUSTOMER, msgpack.get(org.msgpack.value.ValueFactory.newString("customer"))
                .asStringValue().asString());
        var cbor = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.cbor.CBORFactory()).readTree(bin[1]);
        assertEquals(EncodingSamples.ORDER_ID, cbor.get("order").asLong());
        var proto = com.google.protobuf.UnknownFieldSet.parseFrom(bin[2]);
        assertEquals(EncodingSamples.CUSTOMER, proto.getField(2).getLengthDelimitedList().get(0).toStringUtf8());
        assertEquals(2, proto.getField(3).getLengthDelimitedList().size());
        c.send("again");
        Await.until(() -> c.binaries.size() == 6, "the samples again on a message");
        c.closeBlocking();
    }

    @Test
    void fragmentedMessagesReassembleAndPingArrivesBetween() throws Exception {
        Recorder c = connect("/fragmented");
        Await.until(() -> c.texts.size() == 1 && c.binaries.size() == 1 && c.pings.size() == 1, "fragments");
        assertEquals("This text message travels in three fragments.", c.texts.get(0));
        assertEquals(300, c.binaries.get(0).remaining());
        assertEquals("between fragments", c.pings.get(0));
        c.closeBlocking();
    }

    @Test
    void heartbeatPingsAndDelaysPongs() throws Exception {
        Recorder c = connect("/heartbeat?interval=50&pongDelay=200");
        Await.until(() -> c.pings.size() >= 2, "server pings");
        assertTrue(c.pings.get(0).startsWith("server-ping-"));
        long sent = System.nanoTime();
        c.sendPing();
        Await.until(() -> c.pongNanos.get() > sent, "pong");
        assertTrue(c.pongNanos.get() - sent >= 200_000_000L, "pong after the delay");
        c.closeBlocking();
    }

    @Test
    void closeWithTheCodeInThePath() throws Exception {
        // The server closes right after opening, so connectBlocking may already see it closed: don't assert on it.
        Recorder c = new Recorder(server.uri("/close/4000"));
        c.connectBlocking();
        Await.until(() -> c.closeCode.get() == 4000, "close 4000");
    }

    @Test
    void chaosWritesEveryStepOnTheWire() throws Exception {
        byte[] received = rawSession("/chaos", ChaosScript.stream().length);
        int from = 0;
        for (ChaosScript.Step step : ChaosScript.steps()) {
            int at = indexOf(received, step.bytes(), from);
            assertTrue(at >= 0, "step " + step.violation() + " not found after byte " + from);
            from = at + step.bytes().length;
        }
    }

    @Test
    void unknownPathIsRefusedWith404() throws Exception {
        byte[] received = rawSession("/nope", 12);
        assertTrue(new String(received, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 404"));
    }

    /** Upgrades by hand on a plain socket and returns what the server sent (head included), at least that many bytes. */
    private static byte[] rawSession(String path, int atLeastBytes) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while (got.size() < atLeastBytes && (n = in.read(buf)) > 0) {
                got.write(buf, 0, n);
            }
            return got.toByteArray();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
