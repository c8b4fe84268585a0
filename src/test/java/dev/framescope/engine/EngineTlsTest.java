package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.ConnectionState;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.JettyPeer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wss against Jetty with certificates made at test time by the JDK's keytool. */
class EngineTlsTest {

    @TempDir
    static Path dir;
    private static JettyPeer goodName;
    private static JettyPeer wrongName;
    private static JettyPeer expired;
    private static Path expiredCa;
    private static Path goodCa;
    private static Path wrongCa;

    @BeforeAll
    static void start() throws Exception {
        goodCa = certificate("good", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
        wrongCa = certificate("wrong", "CN=other.example", "SAN=dns:other.example");
        goodName = new JettyPeer(ssl("good"));
        wrongName = new JettyPeer(ssl("wrong"));
        expiredCa = issuedExpired("expired", "SAN=ip:127.0.0.1,dns:localhost");
        expired = new JettyPeer(ssl("expired"));
    }

    @AfterAll
    static void stop() throws Exception {
        goodName.close();
        wrongName.close();
        expired.close();
    }

    @Test
    void aSelfSignedCertificateIsRefusedByDefaultWithTheProblemNamed() throws Exception {
        Connection c = Captures.open(ConnectionSpec.to(goodName.uri("/echo")));
        Await.until(c::ended, "refused");
        assertEquals(ConnectionState.FAILED, c.state());
        String failure = c.failure().orElseThrow();
        assertTrue(failure.startsWith("TLS: the certificate of 127.0.0.1 is not trusted: self-signed"), failure);
    }

    @Test
    void trustingItsCaLetsTheConnectionThroughVerified() throws Exception {
        Connection c = Captures.openAndAwait(ConnectionSpec.to(goodName.uri("/echo")).withTls(TlsOptions.trusting(goodCa)));
        c.sendText("over tls");
        Await.until(() -> Captures.texts(c.log(), dev.framescope.capture.Direction.IN).contains("over tls"), "echo");
        Captures.closeAndAwait(c);
        CaptureEvent.TlsEvent tls = Captures.events(c.log(), CaptureEvent.TlsEvent.class).get(0);
        assertTrue(tls.verified());
        assertTrue(tls.protocol().startsWith("TLSv1."), tls.protocol());
        assertTrue(tls.peerChain().get(0).contains("CN=localhost"), tls.peerChain().toString());
        assertEquals(List.of(), Captures.violations(c.log()));
    }

    @Test
    void aCertificateForAnotherHostIsAHostNameMismatch() throws Exception {
        Connection c = Captures.open(ConnectionSpec.to(wrongName.uri("/echo")).withTls(TlsOptions.trusting(wrongCa)));
        Await.until(c::ended, "refused");
        String failure = c.failure().orElseThrow();
        assertTrue(failure.startsWith("TLS: host name mismatch"), failure);
    }

    @Test
    void anExpiredCertificateIsRefusedNamingTheExpiry() throws Exception {
        Connection c = Captures.open(ConnectionSpec.to(expired.uri("/echo")).withTls(TlsOptions.trusting(expiredCa)));
        Await.until(c::ended, "refused");
        String failure = c.failure().orElseThrow();
        assertTrue(failure.startsWith("TLS: the certificate of 127.0.0.1 has expired"), failure);
    }

    @Test
    void insecureAcceptsAnythingAndSaysSoInTheCapture() throws Exception {
        Connection c = Captures.openAndAwait(ConnectionSpec.to(goodName.uri("/echo")).withTls(TlsOptions.INSECURE));
        Captures.closeAndAwait(c);
        CaptureEvent.TlsEvent tls = Captures.events(c.log(), CaptureEvent.TlsEvent.class).get(0);
        assertTrue(tls.insecureOverride());
        assertTrue(Captures.events(c.log(), CaptureEvent.NoteEvent.class).stream()
                .anyMatch(n -> n.text().startsWith("TLS verification is OFF")));
    }

    private static SslContextFactory.Server ssl(String name) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(dir.resolve(name + ".p12").toString());
        ssl.setKeyStorePassword("changeit");
        ssl.setKeyStoreType("PKCS12");
        return ssl;
    }

    /** A self-signed certificate in NAME.p12 and its PEM in NAME.pem (the "CA" a client can choose to trust). */
    private static Path certificate(String name, String dname, String san) throws Exception {
        Path store = dir.resolve(name + ".p12");
        Path pem = dir.resolve(name + ".pem");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-ext", san, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", store.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        assertTrue(Files.size(pem) > 100);
        return pem;
    }

    /**
     * A leaf issued by a fresh CA (whose PEM is returned) that expired yesterday. A trusted self-signed leaf would be
     * a trust anchor, whose validity PKIX never checks; an issued leaf is checked. (Approach from the engine
     * helper's branch.)
     */
    private static Path issuedExpired(String name, String san) throws Exception {
        Path ca = dir.resolve(name + "-ca.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Test CA",
                "-ext", "bc:c", "-validity", "30", "-storetype", "PKCS12", "-keystore", ca.toString(),
                "-storepass", "changeit", "-keypass", "changeit");
        Path caPem = dir.resolve(name + "-ca.pem");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", "changeit",
                "-file", caPem.toString());
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit");
        Path csr = dir.resolve(name + ".csr");
        keytool("-certreq", "-alias", name, "-keystore", store.toString(), "-storepass", "changeit",
                "-file", csr.toString());
        Path issued = dir.resolve(name + "-issued.pem");
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", "changeit",
                "-infile", csr.toString(), "-outfile", issued.toString(), "-ext", san, "-startdate", "-10d",
                "-validity", "2");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", store.toString(),
                "-storepass", "changeit");
        keytool("-importcert", "-alias", name, "-file", issued.toString(), "-keystore", store.toString(),
                "-storepass", "changeit");
        return caPem;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }
}
