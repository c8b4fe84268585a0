package dev.framescope.engine;

import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;

/** TLS toward a server for a connection we relay: the same trust as our own connections', the same explanations. */
public final class UpstreamTls {

    private UpstreamTls() {
    }

    /** A context that verifies as {@code options} say (the system's CAs, an extra CA file, or nothing if insecure). */
    public static SSLContext context(TlsOptions options) throws GeneralSecurityException, IOException {
        return TlsContexts.forOptions(options);
    }

    /** A failed handshake with {@code host:port} in words a developer can act on. */
    public static String explain(IOException e, String host, int port) {
        return TlsContexts.explain(e, host, port);
    }
}
