package dev.framescope.proxy;

import dev.framescope.testutil.JettyEcho;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Jetty 12 on loopback serving a page that opens WebSockets to {@code /ws} on a plain connector and, when a TLS
 * context is given, on a TLS one too: each socket sends a greeting, a long compressible message once the greeting is
 * echoed, and closes with 4000 once that is echoed. {@code /ws} echoes and remembers what it got.
 */
final class BrowserPageServer implements AutoCloseable {

    final List<String> received = new CopyOnWriteArrayList<>();
    final List<String> closes = new CopyOnWriteArrayList<>();
    private final Server server = new Server();
    private final ServerConnector plain;
    private final ServerConnector tls;

    BrowserPageServer(SSLContext context) throws Exception {
        plain = new ServerConnector(server);
        plain.setHost("127.0.0.1");
        server.addConnector(plain);
        if (context != null) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setSslContext(context);
            tls = new ServerConnector(server, ssl);
            tls.setHost("127.0.0.1");
            server.addConnector(tls);
        } else {
            tls = null;
        }
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container ->
                container.addMapping("/ws", (rq, rs, cb) -> new JettyEcho(received, closes)));
        ws.setHandler(new Page());
        server.setHandler(ws);
        server.start();
    }

    String pageUrl() {
        return "http://127.0.0.1:" + plain.getLocalPort() + "/";
    }

    int plainPort() {
        return plain.getLocalPort();
    }

    private String page() {
        StringBuilder urls = new StringBuilder("['ws://127.0.0.1:" + plain.getLocalPort() + "/ws?plain'");
        if (tls != null) {
            urls.append(", 'wss://127.0.0.1:").append(tls.getLocalPort()).append("/ws?tls'");
        }
        urls.append(']');
        return "<!doctype html><html><body><script>\n"
                + "const long = 'compress me '.repeat(300);\n"
                + "for (const url of " + urls + ") {\n"
                + "  const scheme = url.split(':')[0];\n"
                + "  const ws = new WebSocket(url);\n"
                + "  ws.onopen = () => ws.send('hello from chromium over ' + scheme);\n"
                + "  ws.onmessage = e => { if (e.data.startsWith('hello')) ws.send(long); else ws.close(4000, 'page"
                + " done'); };\n"
                + "}\n"
                + "</script></body></html>\n";
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private final class Page extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
            response.write(true, ByteBuffer.wrap(page().getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }
}
