package dev.framescope.engine.driver;

import dev.framescope.wire.Finding;
import dev.framescope.wire.Severity;

/** What the driver tells the connection that owns it; called on the driver's read thread or a timer. */
public interface ClientEvents {

    /** The server's 101 was accepted: the connection is open. */
    void opened();

    /**
     * The connection is over and its socket closed.
     *
     * @param code   the close code that ended it: the initiator's when both close frames crossed, 1006 when none
     *               came back, -1 when the upgrade never completed
     * @param remote whether the server ended TCP
     */
    void closed(int code, String reason, boolean remote);

    /** Why the connection is failing, in words for the user (before {@link #closed}). */
    void failed(String why);

    /** The server pinged; answering is up to the pong mode. */
    void pinged(byte[] payload);

    void note(Severity level, String text);

    /** A rule broken that no frame carries (the close handshake's aftermath): to be recorded as a violation. */
    void violation(Finding finding);
}
