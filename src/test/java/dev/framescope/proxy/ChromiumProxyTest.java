package dev.framescope.proxy;

import static dev.framescope.testutil.LogQueries.closed;
import static dev.framescope.testutil.LogQueries.dump;
import static dev.framescope.testutil.LogQueries.events;
import static dev.framescope.testutil.LogQueries.frames;
import static dev.framescope.testutil.LogQueries.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.engine.TlsOptions;
import dev.framescope.engine.UpstreamTls;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.LogQueries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser through the proxy: headless Chromium loads a loopback page that opens a {@code ws://} and a
 * {@code wss://} WebSocket. Chromium tunnels both with CONNECT; the proxy reads the plaintext one directly and the
 * TLS one with its local CA (Chromium told to accept the CA's key). The capture must hold the page's messages both
 * ways, with Chromium's own masks and its permessage-deflate offer.
 */
class ChromiumProxyTest {

    @TempDir
    Path dir;

    @Test
    void chromiumsWebSocketsAreCapturedBothWaysOverWsAndWss() throws Exception {
        Chromium.requireInstalled();
        LocalCa upstreamCa = LocalCa.loadOrCreate(dir.resolve("upstream-ca"));
        LocalCa proxyCa = LocalCa.loadOrCreate(dir.resolve("proxy-ca"));
        var upstreamTrust = UpstreamTls.context(TlsOptions.trusting(
                upstreamCa.directory().resolve(LocalCa.CERT_FILE)));
        try (BrowserPageServer page = new BrowserPageServer(upstreamCa.serverContext("127.0.0.1"));
             ProxyFixture proxy = new ProxyFixture(o -> o.withCa(proxyCa).withUpstreamTls(upstreamTrust, false));
             Chromium chromium = Chromium.open(page.pageUrl(), proxy.port(), proxyCa.spkiSha256(),
                     dir.resolve("profile"))) {
            Await.until(Duration.ofSeconds(90), () -> page.closes.size() == 2 && proxy.logs.size() == 2
                    && proxy.logs.stream().allMatch(LogQueries::closed), "both page sockets closed and captured;"
                    + " server got " + page.received + ", proxy said " + proxy.notices + "\nChromium: "
                    + chromium.output());
            for (String scheme : List.of("ws", "wss")) {
                CaptureLog log = proxy.logs.stream().filter(l -> l.label().startsWith(scheme + "://")).findFirst()
                        .orElseThrow(() -> new AssertionError("no " + scheme + " capture: " + proxy.logs));
                checkCapture(log, scheme);
            }
            assertTrue(page.closes.stream().allMatch(c -> c.equals("4000 page done")), page.closes.toString());
        }
    }

    private static void checkCapture(CaptureLog log, String scheme) {
        String all = dump(log);
        CaptureEvent.HandshakeEvent h = events(log, CaptureEvent.HandshakeEvent.class).get(0);
        String request = new String(h.rawRequest(), StandardCharsets.ISO_8859_1);
        assertTrue(request.contains("permessage-deflate; client_max_window_bits"), "Chromium's own offer: " + request);
        assertTrue(h.acceptedExtensions().contains("permessage-deflate"), h.acceptedExtensions());
        String hello = "hello from chromium over " + scheme;
        assertEquals(hello, texts(log, Direction.OUT).get(0), all);
        assertEquals("compress me ".repeat(300), texts(log, Direction.OUT).get(1), "inflated for display");
        assertEquals(texts(log, Direction.OUT), texts(log, Direction.IN), "the server's echoes");
        List<CaptureEvent.FrameEvent> out = frames(log, Direction.OUT);
        assertTrue(out.stream().allMatch(f -> f.header().masked()), "Chromium's masks kept: " + all);
        assertEquals(out.size(), out.stream().map(f -> f.header().maskingKey()).distinct().count(),
                "a fresh masking key per frame, as Chromium chose them: " + all);
        assertTrue(out.stream().anyMatch(f -> f.header().rsv1()), "Chromium compressed: " + all);
        assertTrue(closed(log));
        assertEquals(4000, events(log, CaptureEvent.CloseEvent.class).get(0).sentCode().getAsInt(), all);
    }
}
