package dev.framescope.probe;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What happened on a case's connection, as the capture shows it, in Autobahn's terms.
 *
 * @param opened          the upgrade completed
 * @param received        what the server sent, in order, with our waits that ran out ({@code timeout})
 * @param closedByMe      we sent the first close frame
 * @param clean           both close frames crossed (RFC 6455 §7.1.5)
 * @param remoteCloseCode the code in the server's close frame, if it sent one with a code
 * @param droppedByMe     we closed TCP: our wait ran out, or the server kept TCP open after the close handshake
 * @param deflate         the server accepted permessage-deflate
 * @param upgradeStatus   the HTTP status of the upgrade response, 0 when none came
 * @param accepted        the extensions the server's 101 accepted, as it wrote them
 * @param subprotocol     the subprotocol it selected
 * @param serverFindings  ids of the error-level rules the server's frames and messages broke, in order
 * @param serverVersions  the response's Sec-WebSocket-Version, the versions a refusing server names (RFC 6455 §4.4)
 */
public record Observation(boolean opened, List<Received> received, boolean closedByMe, boolean clean,
                          OptionalInt remoteCloseCode, String remoteReason, boolean droppedByMe, boolean deflate,
                          int upgradeStatus, String accepted, Optional<String> subprotocol,
                          List<String> serverFindings, Optional<String> serverVersions) {

    public Observation {
        received = List.copyOf(received);
        serverFindings = List.copyOf(serverFindings);
    }

    /** An observation of the upgrade and what came back, with no handshake details (tests). */
    public Observation(boolean opened, List<Received> received, boolean closedByMe, boolean clean,
                       OptionalInt remoteCloseCode, String remoteReason, boolean droppedByMe, boolean deflate,
                       int upgradeStatus) {
        this(opened, received, closedByMe, clean, remoteCloseCode, remoteReason, droppedByMe, deflate,
                upgradeStatus, "", Optional.empty(), List.of(), Optional.empty());
    }
}
