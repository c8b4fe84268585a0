package dev.framescope.proxy;

import static dev.framescope.testutil.LogQueries.closed;
import static dev.framescope.testutil.LogQueries.dump;
import static dev.framescope.testutil.LogQueries.frames;
import static dev.framescope.testutil.LogQueries.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.engine.TlsOptions;
import dev.framescope.engine.UpstreamTls;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.JettyPeer;
import dev.framescope.testutil.LogQueries;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS interception: a Java client that trusts the proxy's local CA talks wss through the proxy to Jetty over TLS;
 * the proxy verifies Jetty's certificate against the CA it was told to trust, refuses an untrusted one with a 502,
 * and says so on every connection when told not to verify.
 */
class ProxyTlsTest {

    @TempDir
    static Path dir;
    private static LocalCa proxyCa;
    private static LocalCa upstreamCa;

    @BeforeAll
    static void authorities() throws Exception {
        proxyCa = LocalCa.loadOrCreate(dir.resolve("proxy-ca"));
        upstreamCa = LocalCa.loadOrCreate(dir.resolve("upstream-ca"));
    }

    private static SSLContext trusting(X509Certificate ca) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static ProxyInteropTest.JwsClient client(JettyPeer jetty, ProxyFixture proxy) throws Exception {
        ProxyInteropTest.JwsClient client = new ProxyInteropTest.JwsClient(jetty.uri("/echo"), true);
        client.setProxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.port())));
        client.setSocketFactory(trusting(proxyCa.certificate()).getSocketFactory());
        return client;
    }

    @Test
    void aClientTrustingTheLocalCaTalksWssThroughTheProxyToJetty() throws Exception {
        SSLContext verifying = UpstreamTls.context(TlsOptions.trusting(upstreamCa.directory().resolve(
                LocalCa.CERT_FILE)));
        try (JettyPeer jetty = new JettyPeer(upstreamCa.serverContext("127.0.0.1"));
             ProxyFixture proxy = new ProxyFixture(o -> o.withCa(proxyCa).withUpstreamTls(verifying, false))) {
            ProxyInteropTest.JwsClient client = client(jetty, proxy);
            assertTrue(client.connectBlocking(10, TimeUnit.SECONDS), "wss open through the proxy: " + client.got
                    + proxy.notices);
            client.send("secret hello");
            Await.until(() -> client.got.contains("secret hello"), "the echo over TLS");
            client.closeBlocking();
            assertEquals(List.of("secret hello"), jetty.received);

            CaptureLog log = proxy.log(0);
            Await.until(() -> closed(log), "the close recorded");
            assertTrue(log.label().startsWith("wss://127.0.0.1:" + jetty.port() + "/echo via proxy"), log.label());
            assertEquals(List.of("secret hello"), texts(log, Direction.OUT), "the plaintext inside TLS");
            assertEquals(List.of("secret hello"), texts(log, Direction.IN));
            assertTrue(frames(log, Direction.OUT).stream().allMatch(f -> f.header().masked()), dump(log));
            assertTrue(LogQueries.events(log, CaptureEvent.NoteEvent.class).stream()
                    .anyMatch(n -> n.text().contains("TLS intercepted")), dump(log));
        }
    }

    @Test
    void anUntrustedServerCertificateIsA502AndInsecureUpstreamIsShownOnTheConnection() throws Exception {
        try (JettyPeer jetty = new JettyPeer(upstreamCa.serverContext("127.0.0.1"));
             ProxyFixture proxy = new ProxyFixture(o -> o.withCa(proxyCa))) {
            ProxyInteropTest.JwsClient client = client(jetty, proxy);
            client.connectBlocking(10, TimeUnit.SECONDS);
            Await.until(() -> proxy.notices.stream().anyMatch(n -> n.contains("not trusted")),
                    "the upstream failure explained: " + proxy.notices);
            assertTrue(client.got.stream().anyMatch(g -> g.contains("502")) || client.closeCode != 0,
                    "the client was told: " + client.got);
            assertTrue(jetty.received.isEmpty());
            assertEquals(0, proxy.logs.size(), "no WebSocket was recorded");
        }
        SSLContext insecure = UpstreamTls.context(TlsOptions.INSECURE);
        try (JettyPeer jetty = new JettyPeer(upstreamCa.serverContext("127.0.0.1"));
             ProxyFixture proxy = new ProxyFixture(o -> o.withCa(proxyCa).withUpstreamTls(insecure, true))) {
            ProxyInteropTest.JwsClient client = client(jetty, proxy);
            assertTrue(client.connectBlocking(10, TimeUnit.SECONDS));
            client.closeBlocking();
            CaptureLog log = proxy.log(0);
            Await.until(() -> LogQueries.events(log, CaptureEvent.NoteEvent.class).stream()
                    .anyMatch(n -> n.text().contains("not verified (--insecure-upstream)")), dump(log));
        }
    }

    @Test
    void theCaKeyIsOwnerOnlyAndLeavesAreMintedPerHostAndCached() throws Exception {
        Path key = proxyCa.directory().resolve(LocalCa.KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(proxyCa.directory())));
        String subject = proxyCa.certificate().getSubjectX500Principal().getName();
        assertTrue(subject.contains("CN=" + LocalCa.NAME), subject);
        assertTrue(proxyCa.certificate().getNotAfter().toInstant().isAfter(java.time.Instant.now()
                .plus(java.time.Duration.ofDays(3000))), "an expiry years away");
        assertTrue(proxyCa.certificate().getBasicConstraints() >= 0, "a CA certificate");
        X509Certificate leaf = proxyCa.leaf("example.test");
        leaf.verify(proxyCa.certificate().getPublicKey());
        assertEquals(List.of(2, "example.test"), List.copyOf(leaf.getSubjectAlternativeNames().iterator().next()));
        assertEquals(List.of(7, "127.0.0.1"), List.copyOf(proxyCa.leaf("127.0.0.1").getSubjectAlternativeNames()
                .iterator().next()));
        assertSame(proxyCa.serverContext("a.test"), proxyCa.serverContext("A.test"), "cached per host");
        assertNotSame(proxyCa.serverContext("a.test"), proxyCa.serverContext("b.test"));
        LocalCa again = LocalCa.loadOrCreate(proxyCa.directory());
        assertEquals(proxyCa.certificate(), again.certificate(), "loaded, not made again");
    }
}
