package dev.framescope.engine;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;

/**
 * Why a connection attempt failed, in words a user can act on instead of the operating system's or the TLS
 * library's ("Connection refused", "Unsupported or unrecognized SSL message"). {@link Connector} builds
 * {@link Connection#failure()} from these, so the CLI prints them and the window can show the same text on a failed
 * connection's card, tooltip and Handshake tab.
 */
public final class FailureReasons {

    private FailureReasons() {
    }

    /** A TCP connect to {@code address:port} failed. */
    public static String tcp(IOException e, String address, int port) {
        String where = address + ":" + port;
        if (e instanceof SocketTimeoutException) {
            return "no answer from " + where + " within the connect timeout (a firewall, or the wrong host or port?)";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to " + address + " (the host is down or unreachable)";
        }
        if (e instanceof ConnectException && String.valueOf(e.getMessage()).startsWith("Connection refused")) {
            return "connection refused — nothing listens on " + where;
        }
        return "cannot connect to " + where + " (" + e.getMessage() + ")";
    }

    /** The TLS handshake with {@code host:port} failed: certificate problems named, a plain server pointed at ws://. */
    public static String tls(IOException e, String host, int port) {
        return TlsContexts.explain(e, host, port);
    }
}
