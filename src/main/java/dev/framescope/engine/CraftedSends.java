package dev.framescope.engine;

import dev.framescope.capture.ConnectionState;
import dev.framescope.engine.driver.ProtocolClient;
import java.time.Duration;

/**
 * What a probe of a server sends beyond messages ({@link Connection#crafted}): a crafted close frame that counts as
 * ours, dropping TCP at once, and waiting until everything sent has reached the socket (to send in small chops).
 */
public final class CraftedSends {

    private final Connection connection;

    CraftedSends(Connection connection) {
        this.connection = connection;
    }

    /**
     * A crafted close frame of ours (any code, reason or length): sent as it is and counted as our close frame, so
     * the server's close answers it. {@code code} is the code it carries, -1 for none.
     */
    public void sendRawClose(byte[] frameBytes, int code, String reason) {
        ProtocolClient c = connection.require(false);
        connection.stopRequested();
        connection.setState(ConnectionState.CLOSING, "closing with a crafted close frame");
        c.closeRaw(frameBytes, code, reason);
    }

    /** Drops TCP now, without (more of) a close handshake; no reconnect follows. */
    public void abort(String why) {
        connection.stopRequested();
        connection.drop(why);
    }

    /** Waits up to {@code timeout} until everything sent so far has been written to the socket. */
    public boolean awaitWritten(Duration timeout) {
        ProtocolClient c = connection.client();
        return c == null || c.awaitWritten(timeout.toMillis());
    }
}
