package dev.framescope.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.framescope.testutil.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A plain request through a CONNECT tunnel to a server that keeps connections alive (the JDK's HTTP server): the
 * proxy asks for {@code Connection: close}, so the tunnel ends after the answer and the app's next request, an
 * upgrade perhaps, comes in a tunnel of its own that the proxy inspects.
 */
class ProxyKeepAliveTest {

    @Test
    void aPlainRequestInATunnelEndsTheTunnelAfterItsAnswer() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> connectionHeaders = new CopyOnWriteArrayList<>();
        http.createContext("/", exchange -> {
            connectionHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Connection")));
            byte[] body = "hello".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        try (ProxyFixture proxy = new ProxyFixture();
             Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            client.setSoTimeout(10_000);
            String authority = "127.0.0.1:" + http.getAddress().getPort();
            client.getOutputStream().write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n"
                    + "GET /page HTTP/1.1\r\nHost: " + authority + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // Everything until the tunnel ends: without Connection: close the server would keep it open and this
            // read would time out.
            String all = readUntilEnd(client);
            assertTrue(all.startsWith("HTTP/1.1 200 Connection established\r\n\r\nHTTP/1.1 200"), all);
            assertTrue(all.endsWith("hello"), all);
            assertEquals(List.of("close"), connectionHeaders, "the server was asked to close after its answer");
            Await.until(() -> proxy.notices.stream().anyMatch(n -> n.contains("passed through: GET")),
                    "the plain request reported as passed through");
            assertTrue(proxy.logs.isEmpty(), "a plain request is not a capture");
        } finally {
            http.stop(0);
        }
    }

    private static String readUntilEnd(Socket s) throws IOException {
        return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
