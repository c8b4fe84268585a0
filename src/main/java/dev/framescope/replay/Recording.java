package dev.framescope.replay;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.engine.io.ConnectionSetup;
import dev.framescope.wire.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One recorded connection as the replay and the mock use it: its set-up, and the messages each side sent in capture
 * order.
 *
 * @param client       our messages
 * @param server       the server's messages
 * @param subprotocol  the negotiated subprotocol
 * @param extensions   the extensions the server accepted, as its header said
 * @param messageLevel the session holds messages without frames (a HAR import)
 * @param serverClosed the server started the close (or TCP ended) in the recording
 */
public record Recording(long connectionId, String label, ConnectionSetup setup, List<Recorded> client,
                        List<Recorded> server, Optional<String> subprotocol, String extensions,
                        boolean messageLevel, boolean serverClosed) {

    /**
     * One recorded message.
     *
     * @param nanos        when it was captured
     * @param serverBefore how many server messages had arrived before it (for a client message)
     */
    public record Recorded(int index, long nanos, Content content, int serverBefore) {
    }

    public Recording {
        client = List.copyOf(client);
        server = List.copyOf(server);
    }

    /**
     * Reads connection {@code log}.
     *
     * @throws ReplayException when it holds no message of ours to send
     */
    public static Recording of(CaptureLog log) throws ReplayException {
        Optional<String> subprotocol = log.subprotocol();
        boolean stomp = subprotocol.map(p -> p.toLowerCase(Locale.ROOT).contains("stomp")).orElse(false);
        List<Recorded> client = new ArrayList<>();
        List<Recorded> server = new ArrayList<>();
        String extensions = "";
        boolean messageLevel = false;
        boolean serverClosed = false;
        int size = log.size();
        for (int i = 0; i < size; i++) {
            CaptureEvent e = log.get(i);
            if (e instanceof CaptureEvent.MessageEvent m) {
                Message message = m.message();
                Content content = Content.of(message.isText(), message.payload(), stomp);
                if (m.dir() == Direction.OUT) {
                    client.add(new Recorded(client.size(), m.stamp().nanos(), content, server.size()));
                } else {
                    server.add(new Recorded(server.size(), m.stamp().nanos(), content, 0));
                }
            } else if (e instanceof CaptureEvent.HandshakeEvent h) {
                extensions = h.acceptedExtensions();
            } else if (e instanceof CaptureEvent.CloseEvent c) {
                serverClosed = c.initiator() != CaptureEvent.Initiator.CLIENT;
            } else if (e instanceof CaptureEvent.NoteEvent n && n.text().contains("message-level")) {
                messageLevel = true;
            }
        }
        if (client.isEmpty()) {
            throw new ReplayException("connection " + log.connectionId() + " (" + log.label() + ") has no messages "
                    + "from the client to replay" + (server.isEmpty() ? "" : " (only " + server.size()
                    + " from the server)"));
        }
        return new Recording(log.connectionId(), log.label(), ConnectionSetup.read(log.setup(), log.label()),
                client, server, subprotocol, extensions, messageLevel, serverClosed);
    }
}
