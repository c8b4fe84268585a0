package dev.framescope.proxy;

import dev.framescope.capture.CaptureLog;

/**
 * What a proxy reports, on its connection threads: must return quickly and not throw. The window and the
 * {@code proxy} command show it.
 */
public interface ProxyListener {

    /** A WebSocket upgrade came through: its capture, filled as the connection goes on. */
    default void intercepted(CaptureLog log) {
    }

    /** A line about something not recorded: a refusal, a request passed through, an app that sent no HTTP. */
    default void notice(String text) {
    }

    /** Hears nothing. */
    ProxyListener NONE = new ProxyListener() {
    };
}
