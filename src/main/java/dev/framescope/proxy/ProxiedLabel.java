package dev.framescope.proxy;

import java.util.Optional;

/**
 * The name the proxy gives a capture — the WebSocket's URL and the address of the app that opened it — and the
 * way back from a name to its parts, so that a session file read later still shows which app it came from.
 *
 * @param url the WebSocket URL as the app asked for it
 * @param app the app's address, {@code host:port}
 */
public record ProxiedLabel(String url, String app) {

    private static final String VIA = " via proxy from ";

    /** The capture's label: {@code ws://host/path via proxy from 127.0.0.1:50412}. */
    public String text() {
        return url + VIA + app;
    }

    /** The parts of a label the proxy made; empty for any other capture's label. */
    public static Optional<ProxiedLabel> parse(String label) {
        int at = label.lastIndexOf(VIA);
        if (at <= 0 || at + VIA.length() >= label.length()) {
            return Optional.empty();
        }
        return Optional.of(new ProxiedLabel(label.substring(0, at), label.substring(at + VIA.length())));
    }
}
