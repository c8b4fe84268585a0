package dev.framescope.engine.driver;

import dev.framescope.wire.ClosePayload;
import dev.framescope.wire.CloseCode;
import java.util.Optional;

/**
 * The close handshake of one connection as far as it went (RFC 6455 §7.1): which close frames crossed, who started,
 * and so the code that ended the connection. Pure; the driver guards it with its own monitor.
 */
final class CloseHandshake {

    /** Java-WebSocket's code for "the upgrade never completed", kept for the connection's failure texts. */
    static final int NEVER_CONNECTED = -1;

    private boolean sent;
    private boolean received;
    private boolean weInitiated;
    private int sentCode = CloseCode.NO_STATUS_RECEIVED.code();
    private String sentReason = "";
    private int receivedCode = CloseCode.NO_STATUS_RECEIVED.code();
    private String receivedReason = "";
    private Optional<String> abortReason = Optional.empty();

    /** Our close frame goes out; false when one went out already. {@code code} -1 means an empty payload. */
    boolean send(int code, String reason) {
        if (sent) {
            return false;
        }
        sent = true;
        weInitiated = !received;
        sentCode = code == NEVER_CONNECTED ? CloseCode.NO_STATUS_RECEIVED.code() : code;
        sentReason = reason;
        return true;
    }

    /** The server's close frame arrived; false when one had already. */
    boolean receive(ClosePayload close) {
        if (received) {
            return false;
        }
        received = true;
        receivedCode = close.code().orElse(CloseCode.NO_STATUS_RECEIVED.code());
        receivedReason = close.reason();
        return true;
    }

    /** The code our reply to the server's close carries: its own when legal on the wire (§5.5.1), else 1002. */
    static int replyCode(ClosePayload close) {
        if (close.code().isEmpty()) {
            return NEVER_CONNECTED;
        }
        int code = close.code().getAsInt();
        return CloseCode.isValidOnWire(code) ? code : CloseCode.PROTOCOL_ERROR.code();
    }

    void aborted(String why) {
        if (abortReason.isEmpty()) {
            abortReason = Optional.of(why);
        }
    }

    boolean sent() {
        return sent;
    }

    boolean received() {
        return received;
    }

    boolean done() {
        return sent && received;
    }

    /** The code and reason that ended the connection. */
    Ending ending(boolean upgraded) {
        if (!upgraded) {
            return new Ending(NEVER_CONNECTED, abortReason.orElse(""));
        }
        if (sent && received) {
            return weInitiated ? new Ending(sentCode, sentReason) : new Ending(receivedCode, receivedReason);
        }
        if (received) {
            return new Ending(receivedCode, receivedReason);
        }
        return new Ending(CloseCode.ABNORMAL_CLOSURE.code(),
                abortReason.orElse(sent ? "the server did not answer our close frame" : ""));
    }

    record Ending(int code, String reason) {
    }
}
