package dev.framescope.replay;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.engine.io.ConnectionSetup;
import dev.framescope.wire.ClosePayload;
import dev.framescope.wire.Message;
import dev.framescope.wire.Opcode;
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
 * @param serverPings  the pings the server sent, with when
 * @param serverClose  the server's close frame, when it sent the first one
 * @param openNanos    when the upgrade completed (the time the mock's schedule starts from)
 */
public record Recording(long connectionId, String label, ConnectionSetup setup, List<Recorded> client,
                        List<Recorded> server, Optional<String> subprotocol, String extensions,
                        boolean messageLevel, boolean serverClosed, List<Ping> serverPings,
                        Optional<Close> serverClose, long openNanos) {

    /** A ping the server sent. */
    public record Ping(long nanos, byte[] payload) {
    }

    /**
     * The close frame the server sent first.
     *
     * @param clientBefore how many of our messages had been sent before it
     */
    public record Close(long nanos, int code, String reason, int clientBefore) {
    }

    /** A recording without heartbeat or close details (tests, hand-made scripts). */
    public Recording(long connectionId, String label, ConnectionSetup setup, List<Recorded> client,
                     List<Recorded> server, Optional<String> subprotocol, String extensions, boolean messageLevel,
                     boolean serverClosed) {
        this(connectionId, label, setup, client, server, subprotocol, extensions, messageLevel, serverClosed,
                List.of(), Optional.empty(), client.isEmpty() ? 0 : client.get(0).nanos());
    }

    /**
     * One recorded message.
     *
     * @param nanos        when it was captured
     * @param serverBefore how many server messages had arrived before it (for a client message)
     * @param frames       its frames as they crossed the wire, with the pings sent since the side's previous
     *                     message or between its fragments (empty for a message-level session, a HAR import)
     */
    public record Recorded(int index, long nanos, Content content, int serverBefore, List<WireFrame> frames) {

        public Recorded {
            frames = List.copyOf(frames);
        }

        public Recorded(int index, long nanos, Content content, int serverBefore) {
            this(index, nanos, content, serverBefore, List.of());
        }
    }

    public Recording {
        client = List.copyOf(client);
        server = List.copyOf(server);
        serverPings = List.copyOf(serverPings);
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
        Frames out = new Frames(Opcode.PONG);
        Frames in = new Frames(Opcode.PONG);
        List<Ping> pings = new ArrayList<>();
        Optional<Close> close = Optional.empty();
        long open = -1;
        int size = log.size();
        for (int i = 0; i < size; i++) {
            CaptureEvent e = log.get(i);
            if (neverArrived(log, e)) {
                if (e instanceof CaptureEvent.MessageEvent m) {
                    (m.dir() == Direction.OUT ? out : in).take();
                }
                continue;
            }
            if (e instanceof CaptureEvent.FrameEvent f) {
                (f.dir() == Direction.OUT ? out : in).add(f);
                if (f.dir() == Direction.IN && f.isFirstChunk() && f.lastChunk()) {
                    if (f.header().opcode() == Opcode.PING) {
                        pings.add(new Ping(f.stamp().nanos(), f.payload().bytes()));
                    } else if (f.header().opcode() == Opcode.CLOSE && close.isEmpty() && !closing(log, i)) {
                        ClosePayload p = ClosePayload.parse(f.payload().bytes());
                        close = Optional.of(new Close(f.stamp().nanos(), p.code().orElse(1005), p.reason(),
                                client.size()));
                    }
                }
            } else if (e instanceof CaptureEvent.MessageEvent m) {
                Message message = m.message();
                Content content = Content.of(message.isText(), message.payload(), stomp);
                if (m.dir() == Direction.OUT) {
                    client.add(new Recorded(client.size(), m.stamp().nanos(), content, server.size(), out.take()));
                } else {
                    server.add(new Recorded(server.size(), m.stamp().nanos(), content, 0, in.take()));
                }
            } else if (e instanceof CaptureEvent.HandshakeEvent h) {
                extensions = h.acceptedExtensions();
                open = h.stamp().nanos();
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
                client, server, subprotocol, extensions, messageLevel, serverClosed, pings, close,
                open >= 0 ? open : client.get(0).nanos());
    }

    /**
     * Whether {@code e} is a message (or one of its frames) an intercepting proxy held and then replaced with an edit
     * or dropped: its receiver never got it, so a replay does not send it and a mock does not serve it; the edit and
     * any injected message did arrive and are kept.
     */
    private static boolean neverArrived(CaptureLog log, CaptureEvent e) {
        return (e instanceof CaptureEvent.FrameEvent || e instanceof CaptureEvent.MessageEvent)
                && log.relayMark(e.seq()).map(r -> !r.forwarded()).orElse(false);
    }

    /** Whether we had sent a close frame before event {@code at}: the server's is then an answer, not its own. */
    private static boolean closing(CaptureLog log, int at) {
        for (int i = 0; i < at; i++) {
            if (log.get(i) instanceof CaptureEvent.FrameEvent f && f.dir() == Direction.OUT
                    && f.header().opcode() == Opcode.CLOSE) {
                return true;
            }
        }
        return false;
    }

    /** Whether every message has its frames (false for a message-level session). */
    public boolean hasFrames() {
        return !messageLevel && client.stream().allMatch(r -> !r.frames().isEmpty());
    }

    /**
     * One direction's frames since its last message: data frames and pings (pongs answer the peer and close frames
     * end the connection; neither belongs to a message). A large frame recorded in chunks is whole again.
     */
    private static final class Frames {
        private final Opcode skipped;
        private final List<WireFrame> pending = new ArrayList<>();

        Frames(Opcode skipped) {
            this.skipped = skipped;
        }

        void add(CaptureEvent.FrameEvent f) {
            Opcode op = f.header().opcode();
            if (op == skipped || op == Opcode.CLOSE) {
                return;
            }
            if (f.isFirstChunk() || pending.isEmpty()) {
                pending.add(WireFrame.of(f.header(), f.payload().bytes()));
            } else {
                pending.set(pending.size() - 1, pending.get(pending.size() - 1).plus(f.payload().bytes()));
            }
        }

        List<WireFrame> take() {
            List<WireFrame> frames = List.copyOf(pending);
            pending.clear();
            return frames;
        }
    }
}
