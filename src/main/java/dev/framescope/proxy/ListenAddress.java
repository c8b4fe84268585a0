package dev.framescope.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where the proxy or the mock listens, {@code HOST:PORT}: loopback unless the user explicitly allows an address
 * others can reach.
 */
public final class ListenAddress {

    private ListenAddress() {
    }

    /**
     * @param what how the messages name the address ({@code --listen}, {@code the listen address})
     * @throws IllegalArgumentException naming what is wrong: the form, the port, an unknown host, or a non-loopback
     *                                  address without {@code allowRemote}
     */
    public static InetSocketAddress parse(String text, boolean allowRemote, String what) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(what + " is HOST:PORT (e.g. 127.0.0.1:8080), not '" + text + "'");
        }
        String host = text.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " needs a port from 0 to 65535, not '" + text + "'");
        }
        try {
            InetAddress ip = InetAddress.getByName(host.isEmpty() ? "127.0.0.1" : host);
            if (!ip.isLoopbackAddress() && !allowRemote) {
                throw new IllegalArgumentException(what + " " + text + " is not a loopback address: other machines"
                        + " could connect; allow it explicitly (--allow-remote) to listen there");
            }
            return new InetSocketAddress(ip, port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(what + ": unknown host '" + host + "'");
        }
    }
}
