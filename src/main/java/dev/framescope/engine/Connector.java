package dev.framescope.engine;

import dev.framescope.capture.CaptureEvent.Phase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/** Opens the transport ourselves — DNS, TCP, optional HTTP CONNECT proxy, TLS — timing each phase. */
final class Connector {

    /** Where the connector reports its phases and TLS details. */
    interface Listener {
        void phase(Phase phase, long durationNanos, String detail);

        void tls(String protocol, String cipher, List<String> chain, boolean verified, boolean insecure);
    }

    /** A failure the user can act on, naming the phase and the cause. */
    static final class ConnectException extends IOException {
        ConnectException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Connector() {
    }

    static Socket open(ConnectionSpec spec, Listener listener) throws IOException {
        String host = spec.uri().getHost();
        InetSocketAddress target = spec.proxy().orElseGet(() -> new InetSocketAddress(host, spec.port()));
        InetAddress address = resolve(target.getHostString(), listener);
        Socket socket = new Socket();
        long start = System.nanoTime();
        try {
            socket.connect(new InetSocketAddress(address, target.getPort()), (int) spec.connectTimeout().toMillis());
        } catch (IOException e) {
            socket.close();
            throw new ConnectException("TCP: " + FailureReasons.tcp(e, address.getHostAddress(), target.getPort()), e);
        }
        listener.phase(Phase.TCP, System.nanoTime() - start, address.getHostAddress() + ":" + target.getPort());
        socket.setTcpNoDelay(true);
        if (spec.proxy().isPresent()) {
            tunnel(socket, host, spec.port());
        }
        return spec.secure() ? tls(socket, spec, listener) : socket;
    }

    private static InetAddress resolve(String host, Listener listener) throws IOException {
        long start = System.nanoTime();
        try {
            InetAddress address = InetAddress.getByName(host);
            listener.phase(Phase.DNS, System.nanoTime() - start, host + " → " + address.getHostAddress());
            return address;
        } catch (UnknownHostException e) {
            throw new ConnectException("DNS: cannot resolve host '" + host + "'", e);
        }
    }

    /** HTTP CONNECT through a proxy (RFC 9110 §9.3.6). */
    private static void tunnel(Socket socket, String host, int port) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("CONNECT " + host + ":" + port + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n") && head.length() < 8192) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        String status = head.toString().lines().findFirst().orElse("");
        if (!status.matches("HTTP/1\\.[01] 200.*")) {
            socket.close();
            throw new ConnectException("proxy refused CONNECT " + host + ":" + port + ": " + status, null);
        }
    }

    private static Socket tls(Socket plain, ConnectionSpec spec, Listener listener) throws IOException {
        String host = spec.uri().getHost();
        try {
            SSLSocket ssl = (SSLSocket) TlsContexts.forOptions(spec.tls()).getSocketFactory()
                    .createSocket(plain, host, spec.port(), true);
            SSLParameters params = ssl.getSSLParameters();
            if (!spec.tls().insecure()) {
                params.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (!host.matches("[0-9.]+|.*:.*")) {
                params.setServerNames(List.of(new SNIHostName(host)));
            }
            ssl.setSSLParameters(params);
            ssl.setSoTimeout((int) spec.handshakeTimeout().toMillis());
            long start = System.nanoTime();
            ssl.startHandshake();
            ssl.setSoTimeout(0);
            SSLSession session = ssl.getSession();
            listener.phase(Phase.TLS, System.nanoTime() - start, session.getProtocol() + " " + session.getCipherSuite());
            listener.tls(session.getProtocol(), session.getCipherSuite(), chain(session), !spec.tls().insecure(),
                    spec.tls().insecure());
            return ssl;
        } catch (GeneralSecurityException e) {
            plain.close();
            throw new ConnectException("TLS: cannot set up trust (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            plain.close();
            throw new ConnectException("TLS: " + FailureReasons.tls(e, host, spec.port()), e);
        }
    }

    private static List<String> chain(SSLSession session) {
        List<String> lines = new ArrayList<>();
        try {
            for (Certificate c : session.getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    lines.add(x.getSubjectX500Principal().getName() + " (issuer " + x.getIssuerX500Principal().getName()
                            + ", valid until " + x.getNotAfter().toInstant() + ")");
                }
            }
        } catch (IOException e) {
            lines.add("peer certificates unavailable: " + e.getMessage());
        }
        return lines;
    }
}
