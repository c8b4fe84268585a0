package dev.framescope.proxy;

import dev.framescope.capture.CaptureLog;

/**
 * What a proxy reports, on its connection threads: must return quickly and not throw. The window and the
 * {@code proxy} command show it.
 */
public interface ProxyListener {

    /** A WebSocket upgrade came through: its capture, filled as the connection goes on. */
    void intercepted(CaptureLog log);

    /** A line about something not recorded: a refusal, a request passed through, an app that sent no HTTP. */
    void notice(String text);

    ProxyListener NONE = new ProxyListener() {
        @Override
        public void intercepted(CaptureLog log) {
        }

        @Override
        public void notice(String text) {
        }
    };
}
