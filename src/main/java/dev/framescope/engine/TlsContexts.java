package dev.framescope.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** SSL contexts for {@link TlsOptions}, and failures explained in words a developer can act on. */
final class TlsContexts {

    private TlsContexts() {
    }

    static SSLContext forOptions(TlsOptions options) throws GeneralSecurityException, IOException {
        SSLContext context = SSLContext.getInstance("TLS");
        TrustManager[] trust = options.insecure() ? new TrustManager[] {new TrustAll()} : trustManagers(options);
        context.init(keyManagers(options), trust, null);
        return context;
    }

    private static TrustManager[] trustManagers(TlsOptions options) throws GeneralSecurityException, IOException {
        TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        system.init((KeyStore) null);
        if (options.extraTrustedCa().isEmpty()) {
            return system.getTrustManagers();
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (TrustManager tm : system.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                for (X509Certificate ca : x.getAcceptedIssuers()) {
                    store.setCertificateEntry("system-" + i++, ca);
                }
            }
        }
        for (Certificate extra : readCertificates(options.extraTrustedCa().get())) {
            store.setCertificateEntry("extra-" + i++, extra);
        }
        TrustManagerFactory merged = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        merged.init(store);
        return merged.getTrustManagers();
    }

    static Collection<? extends Certificate> readCertificates(Path file) throws GeneralSecurityException, IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new GeneralSecurityException("no certificate in " + file);
            }
            return certs;
        }
    }

    private static KeyManager[] keyManagers(TlsOptions options) throws GeneralSecurityException, IOException {
        if (options.clientKeyStore().isEmpty()) {
            return null;
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(options.clientKeyStore().get())) {
            store.load(in, options.clientKeyStorePassword());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, options.clientKeyStorePassword());
        return kmf.getKeyManagers();
    }

    /**
     * Names the problem behind a failed handshake in words a developer can act on; the text reaches the CLI and the
     * window through the connection's failure.
     */
    static String explain(IOException e, String host, int port) {
        String authority = host + ":" + port;
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && chain.size() < 10; t = t.getCause()) {
            chain.add(t);
        }
        for (Throwable t : chain) {
            if (t instanceof CertificateExpiredException) {
                return "the certificate of " + host + " has expired (" + t.getMessage() + ")";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "the certificate of " + host + " is not yet valid (" + t.getMessage() + ")";
            }
        }
        for (Throwable t : chain) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Unsupported or unrecognized SSL message") || m.contains("plaintext connection?")) {
                return "handshake failed: the server spoke plain HTTP, not TLS — try ws://" + authority;
            }
            if (t instanceof SocketTimeoutException) {
                return "handshake timed out: the server sent no TLS answer — if it serves plain WebSocket, try ws://"
                        + authority;
            }
            if (m.contains("No subject alternative") || m.contains("No name matching")) {
                return "host name mismatch: the certificate does not name " + host + " (" + m + ")";
            }
            if (t instanceof CertPathValidatorException || m.contains("PKIX path building failed")) {
                return "the certificate of " + host + " is not trusted: self-signed or issued by an unknown CA"
                        + " (trust its CA with --ca-file, or mark this connection insecure)";
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Accepts any certificate: only for a connection the user explicitly marked insecure. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
