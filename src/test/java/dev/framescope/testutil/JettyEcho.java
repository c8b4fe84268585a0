package dev.framescope.testutil;

import java.util.List;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * A Jetty 12 server endpoint that echoes text and remembers it and the close ("4000 done"), into lists its server
 * owns. {@link JettyPeer}'s endpoints build on it; a test server of its own (a page with a socket) uses it as is.
 */
public class JettyEcho implements Session.Listener.AutoDemanding {

    private final List<String> received;
    private final List<String> closes;
    protected Session session;

    public JettyEcho(List<String> received, List<String> closes) {
        this.received = received;
        this.closes = closes;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
    }

    @Override
    public void onWebSocketText(String message) {
        received.add(message);
        session.sendText(message, Callback.NOOP);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closes.add(statusCode + " " + reason);
    }
}
