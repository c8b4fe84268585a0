package dev.framescope.proxy;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.PayloadStore;
import dev.framescope.engine.RelayRecorder;
import dev.framescope.engine.UpstreamTls;
import dev.framescope.wire.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One app connection to the proxy, from its first request to the end of the relay.
 *
 * <ul>
 *   <li>Forward mode: {@code CONNECT host:port} opens a tunnel; its first bytes decide what it carries — a TLS
 *       ClientHello ({@code 0x16}) is intercepted with the local CA, {@code GET } is a plaintext request (a
 *       {@code ws://} upgrade, as Chromium sends it), anything else is passed through unread. An absolute-form
 *       request ({@code GET http://host/path}) goes to its host, in origin form.</li>
 *   <li>Reverse mode: every connection goes to the one configured upstream.</li>
 * </ul>
 * A WebSocket upgrade is recorded from the app's first byte; any other request is passed through, counted and not
 * recorded, with {@code Connection: close}, so that a kept-alive connection or tunnel carries no second request
 * past the inspection. The upstream allow-list is checked before any lookup or dial, and a refusal is a 403 naming the rule; a
 * server that cannot be reached is a 502 saying why.
 */
final class ProxyExchange {

    private static final byte TLS_HANDSHAKE = 0x16;

    private final ProxyServer proxy;
    private final ProxyOptions options;
    private final Socket app;
    private final String appAddress;
    /** The sockets this exchange opened (the server side, the TLS layers): closed and forgotten at its end. */
    private final java.util.List<Socket> opened = new java.util.ArrayList<>();

    ProxyExchange(ProxyServer proxy, Socket app) {
        this.proxy = proxy;
        this.options = proxy.options();
        this.app = app;
        this.appAddress = address(app);
    }

    void run() {
        try {
            app.setSoTimeout((int) options.headTimeout().toMillis());
            app.setTcpNoDelay(true);
            if (options.reverse().isPresent()) {
                reverse(options.reverse().get());
            } else {
                forward();
            }
        } catch (IOException e) {
            proxy.failed.incrementAndGet();
            notice("the connection from " + appAddress + " ended: " + e.getMessage());
        } catch (RuntimeException e) {
            proxy.failed.incrementAndGet();
            notice("the connection from " + appAddress + " failed (internal error: " + e + ")");
        } finally {
            opened.forEach(proxy::untrack);
        }
    }

    private void track(Socket s) {
        opened.add(s);
        proxy.track(s);
    }

    private void forward() throws IOException {
        Optional<RequestHead> read = RequestHead.read(app.getInputStream(), new byte[0]);
        if (read.isEmpty()) {
            badRequest("no HTTP request head came before the connection ended");
            return;
        }
        RequestHead head = read.get();
        if (head.method().equals("CONNECT")) {
            Optional<ProxyTarget> target = ProxyTarget.authority(head.target(), 443, false);
            if (target.isEmpty()) {
                badRequest("CONNECT needs host:port, not '" + head.target() + "'");
                return;
            }
            connect(target.get(), head.rest());
            return;
        }
        String target = head.target();
        if (!target.regionMatches(true, 0, "http://", 0, 7) && !target.regionMatches(true, 0, "ws://", 0, 5)) {
            badRequest("this is a proxy: a request needs an absolute URL (GET http://host/path) or CONNECT host:port,"
                    + " not '" + head.head().startLine() + "'");
            return;
        }
        absolute(head);
    }

    private void connect(ProxyTarget target, byte[] early) throws IOException {
        Optional<Socket> up = dial(target, "CONNECT " + target.authority());
        if (up.isEmpty()) {
            return;
        }
        app.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        app.getOutputStream().flush();
        InputStream in = app.getInputStream();
        byte[] peek = readAtLeast(in, early, 1);
        if (peek.length == 0) {
            return;
        }
        if (peek[0] == TLS_HANDSHAKE && options.ca().isPresent()) {
            interceptTls(target, up.get(), peek);
            return;
        }
        if (peek[0] == 'G') {
            peek = readAtLeast(in, peek, 4);
        }
        if (peek.length >= 4 && new String(peek, 0, 4, StandardCharsets.US_ASCII).equals("GET ")) {
            Optional<RequestHead> head = RequestHead.read(in, peek);
            if (head.isPresent()) {
                exchange(app, up.get(), target, head.get(), head.get().target(), false);
                return;
            }
        }
        passThrough(app, up.get(), peek, (peek[0] == TLS_HANDSHAKE ? "TLS (no CA to read it)" : "a tunnel") + " to "
                + target.authority());
    }

    private void absolute(RequestHead head) throws IOException {
        URI uri;
        try {
            uri = new URI(head.target());
        } catch (URISyntaxException e) {
            badRequest("the request's URL is malformed: " + e.getMessage());
            return;
        }
        if (uri.getHost() == null) {
            badRequest("the request's URL has no host: '" + head.target() + "'");
            return;
        }
        ProxyTarget target = new ProxyTarget(uri.getHost().replace("[", "").replace("]", ""),
                uri.getPort() < 0 ? 80 : uri.getPort(), false);
        Optional<Socket> up = dial(target, head.method() + " " + head.target());
        if (up.isEmpty()) {
            return;
        }
        String origin = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        exchange(app, up.get(), target, head, origin, true);
    }

    private void reverse(URI upstream) throws IOException {
        boolean tls = "wss".equalsIgnoreCase(upstream.getScheme());
        ProxyTarget target = new ProxyTarget(upstream.getHost().replace("[", "").replace("]", ""),
                upstream.getPort() < 0 ? (tls ? 443 : 80) : upstream.getPort(), tls);
        Optional<RequestHead> head = RequestHead.read(app.getInputStream(), new byte[0]);
        if (head.isEmpty()) {
            badRequest("no HTTP request head came before the connection ended");
            return;
        }
        Optional<Socket> up = dial(target, head.get().method() + " " + head.get().target());
        if (up.isEmpty()) {
            return;
        }
        Socket server = up.get();
        if (tls) {
            Optional<Socket> secured = upstreamTls(target, server, app.getOutputStream());
            if (secured.isEmpty()) {
                return;
            }
            server = secured.get();
        }
        exchange(app, server, target, head.get(), head.get().target(), false);
    }

    /** Speaks TLS to the app with a leaf for the tunnel's host, and TLS to the server, then reads the request. */
    private void interceptTls(ProxyTarget tunnel, Socket up, byte[] peek) throws IOException {
        ProxyTarget target = new ProxyTarget(tunnel.host(), tunnel.port(), true);
        SSLSocket appTls;
        try {
            appTls = (SSLSocket) options.ca().get().serverContext(target.host()).getSocketFactory()
                    .createSocket(app, new ByteArrayInputStream(peek), true);
        } catch (GeneralSecurityException e) {
            proxy.failed.incrementAndGet();
            notice("TLS to " + target.authority() + " not intercepted: " + e.getMessage());
            return;
        }
        track(appTls);
        appTls.setUseClientMode(false);
        SSLParameters params = appTls.getSSLParameters();
        // WebSockets over HTTP/2 (RFC 8441) are out of scope: the app is offered HTTP/1.1 only.
        params.setApplicationProtocols(new String[] {"http/1.1"});
        appTls.setSSLParameters(params);
        try {
            appTls.startHandshake();
        } catch (IOException e) {
            proxy.failed.incrementAndGet();
            notice("the app at " + appAddress + " refused the proxy's certificate for " + target.host() + " (does it "
                    + "trust the Framescope local CA? see framescope proxy --ca-export): " + e.getMessage());
            return;
        }
        Optional<Socket> server = upstreamTls(target, up, appTls.getOutputStream());
        if (server.isEmpty()) {
            return;
        }
        Optional<RequestHead> head = RequestHead.read(appTls.getInputStream(), new byte[0]);
        if (head.isEmpty()) {
            return;
        }
        exchange(appTls, server.get(), target, head.get(), head.get().target(), false);
    }

    /** TLS toward the server, verified unless the options say insecure; a failure is a 502 to the app. */
    private Optional<Socket> upstreamTls(ProxyTarget target, Socket raw, OutputStream toApp) throws IOException {
        try {
            SSLSocket tls = (SSLSocket) options.upstreamTls().getSocketFactory().createSocket(raw, target.host(),
                    target.port(), true);
            track(tls);
            SSLParameters params = tls.getSSLParameters();
            if (!options.insecureUpstream()) {
                params.setEndpointIdentificationAlgorithm("HTTPS");
            }
            params.setApplicationProtocols(new String[] {"http/1.1"});
            tls.setSSLParameters(params);
            tls.setSoTimeout((int) options.connectTimeout().toMillis());
            tls.startHandshake();
            tls.setSoTimeout(0);
            return Optional.of(tls);
        } catch (IOException e) {
            String why = UpstreamTls.explain(e, target.host(), target.port());
            proxy.failed.incrementAndGet();
            respond(toApp, 502, "Bad Gateway", "framescope proxy: TLS to " + target.authority() + " failed: " + why);
            notice("TLS to " + target.authority() + " failed: " + why);
            return Optional.empty();
        }
    }

    /**
     * A request on its way to {@code server}: a WebSocket upgrade is recorded from the app's first byte and relayed;
     * anything else is passed through.
     *
     * @param origin   the request target to send (the app's own, or the origin form of its absolute URL)
     * @param absolute whether the app sent an absolute-form request, so the head is rewritten for the server
     */
    private void exchange(Socket appSide, Socket server, ProxyTarget target, RequestHead head, String origin,
            boolean absolute) throws IOException {
        appSide.setSoTimeout(0);
        if (!head.isWebSocketUpgrade()) {
            // With Connection: close the server ends the connection after its answer, so the app's next request
            // (an upgrade, perhaps) comes in a connection of its own and is inspected, not passed through unread.
            passThrough(appSide, server, head.forServer(origin, true), head.method() + " " + target.authority()
                    + origin);
            return;
        }
        long nanos = proxy.clock().getAsLong();
        String label = new ProxiedLabel(target.webSocketUrl(origin), appAddress).text();
        CaptureLog log = new CaptureLog(proxy.nextId(), label, PayloadStore.outsideHeap(proxy.budget()), proxy.clock());
        RelayRecorder recorder = new RelayRecorder(log, proxy.clock());
        proxy.intercepted.incrementAndGet();
        proxy.listener().intercepted(log);
        recorder.note(Severity.INFO, "via proxy: the app at " + appAddress + " to " + target.authority()
                + (target.tls() ? ", TLS intercepted with the Framescope local CA" : ""));
        if (target.tls() && options.insecureUpstream()) {
            recorder.note(Severity.WARNING, "the server's certificate was not verified (--insecure-upstream)");
        }
        recorder.fromClient(head.bytes(), 0, head.bytes().length, nanos);
        OutputStream out = server.getOutputStream();
        out.write(absolute ? head.forServer(origin, false) : head.bytes());
        out.flush();
        Optional<Interception> gated = options.breakpoints().gates()
                ? Optional.of(new Interception(label, target.webSocketUrl(origin), head, recorder,
                        options.breakpoints(), out, appSide.getOutputStream()))
                : Optional.empty();
        new Relay(appSide, server, Optional.of(recorder), proxy.clock(), gated).run(proxy.threads());
    }

    private void passThrough(Socket appSide, Socket server, byte[] first, String what) throws IOException {
        appSide.setSoTimeout(0);
        proxy.passedThrough.incrementAndGet();
        notice("passed through: " + what);
        OutputStream out = server.getOutputStream();
        out.write(first);
        out.flush();
        new Relay(appSide, server, Optional.empty(), proxy.clock()).run(proxy.threads());
    }

    /** Connects to {@code target} if the allow-list admits it; else answers the app 403 (refused) or 502. */
    private Optional<Socket> dial(ProxyTarget target, String request) throws IOException {
        Optional<String> refusal = options.allow().refusal(target.host());
        if (refusal.isPresent()) {
            proxy.refused.incrementAndGet();
            respond(app.getOutputStream(), 403, "Forbidden", "framescope proxy refused " + request + ": "
                    + refusal.get());
            notice("refused " + request + " from " + appAddress + ": " + refusal.get());
            return Optional.empty();
        }
        Socket s = new Socket();
        track(s);
        try {
            s.connect(new InetSocketAddress(target.host(), target.port()), (int) options.connectTimeout().toMillis());
            s.setTcpNoDelay(true);
            return Optional.of(s);
        } catch (IOException e) {
            proxy.untrack(s);
            proxy.failed.incrementAndGet();
            String why = "cannot reach " + target.authority() + ": " + e.getMessage();
            respond(app.getOutputStream(), 502, "Bad Gateway", "framescope proxy: " + why);
            notice(request + " from " + appAddress + ": " + why);
            return Optional.empty();
        }
    }

    private void badRequest(String why) throws IOException {
        proxy.failed.incrementAndGet();
        notice("the app at " + appAddress + " sent no request the proxy can serve: " + why);
        respond(app.getOutputStream(), 400, "Bad Request", "framescope proxy: " + why);
    }

    private static void respond(OutputStream out, int status, String reason, String body) throws IOException {
        byte[] text = (body + "\n").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + text.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(text);
        out.flush();
    }

    /** {@code have} plus what the stream gives until there are at least {@code n} bytes (fewer at its end). */
    private static byte[] readAtLeast(InputStream in, byte[] have, int n) throws IOException {
        byte[] bytes = have;
        byte[] buf = new byte[16 * 1024];
        while (bytes.length < n) {
            int read = in.read(buf);
            if (read < 0) {
                break;
            }
            byte[] more = Arrays.copyOf(bytes, bytes.length + read);
            System.arraycopy(buf, 0, more, bytes.length, read);
            bytes = more;
        }
        return bytes;
    }

    private void notice(String text) {
        proxy.listener().notice(text);
    }

    private static String address(Socket s) {
        return s.getInetAddress().getHostAddress() + ":" + s.getPort();
    }
}
