package dev.framescope.replay;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.engine.Connection;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.Engine;
import dev.framescope.wire.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays our side of a recording against a server and compares what comes back. Runs on the caller's thread: it
 * connects through the {@link Engine}, sends on the chosen {@link Timing}, reads the server's messages from the
 * connection's {@link CaptureLog} (so the replay is itself a capture), then pairs and compares.
 *
 * @param patience    how long to wait for the server's answers (after the last send; per message when reactive)
 * @param settle      how long to keep listening for extra messages once every recorded one has a counterpart
 * @param exactFrames send each message as its recorded frames: the same fragmentation, RSV bits (compressed payloads
 *                    as they were compressed), opcodes and the pings between them, each frame freshly masked
 */
public record Replayer(Timing timing, List<JsonMask> masks, Duration patience, Duration settle,
                       boolean exactFrames) {

    private static final long POLL_NANOS = 2_000_000;

    public Replayer {
        masks = List.copyOf(masks);
    }

    public static Replayer of(Timing timing, List<JsonMask> masks) {
        return new Replayer(timing, masks, Duration.ofSeconds(10), Duration.ofMillis(300), false);
    }

    /** The same replay sending the recorded frames as they were ({@code --exact-frames}). */
    public Replayer withExactFrames(boolean exact) {
        return new Replayer(timing, masks, patience, settle, exact);
    }

    /**
     * Runs the replay on {@code engine}, capturing into {@code log}.
     *
     * @throws ReplayException when the connection cannot be opened
     */
    public ReplayResult run(Engine engine, Recording recording, ConnectionSpec spec, CaptureLog log)
            throws ReplayException, InterruptedException {
        return run(engine, recording, spec, log, new Progress());
    }

    /**
     * Runs the replay, reporting how far it is to {@code progress} (read from another thread, a window's pulse).
     *
     * @throws ReplayException when the connection cannot be opened
     */
    public ReplayResult run(Engine engine, Recording recording, ConnectionSpec spec, CaptureLog log,
                            Progress progress) throws ReplayException, InterruptedException {
        boolean stomp = recording.subprotocol().map(p -> p.toLowerCase(Locale.ROOT).contains("stomp")).orElse(false);
        if (exactFrames && !recording.hasFrames()) {
            throw new ReplayException("connection " + recording.connectionId() + " (" + recording.label() + ") was "
                    + "recorded without frames (a HAR import keeps messages only): exact frames cannot be replayed; "
                    + "replay its messages instead");
        }
        Inbox inbox = new Inbox(log, stomp);
        progress.total = recording.client().size();
        List<String> problems = new ArrayList<>();
        int sent = 0;
        try (Connection c = engine.open(spec, log)) {
            if (!c.awaitOpen(spec.options().connectTimeout().plus(spec.options().handshakeTimeout()))) {
                throw new ReplayException("could not connect to " + spec.uri() + ": "
                        + c.failure().orElse("no answer in time"));
            }
            if (exactFrames) {
                inbox.poll();
                extensionsDiffer(recording, inbox).ifPresent(problems::add);
            }
            long start = System.nanoTime();
            long first = recording.client().get(0).nanos();
            for (Recording.Recorded r : recording.client()) {
                if (!awaitTurn(r, start, first, inbox, c, problems) || !trySend(c, r, exactFrames)) {
                    break;
                }
                sent++;
                progress.sent = sent;
            }
            if (sent < recording.client().size() && problems.isEmpty()) {
                problems.add(closedEarly(c, inbox, sent, recording.client().size()));
            }
            progress.collecting = true;
            collect(recording, inbox, c);
            if (problems.isEmpty() && c.ended() && !recording.serverClosed()) {
                problems.add(closedEarly(c, inbox, sent, recording.client().size()) + ", which it did not in the "
                        + "recording");
            }
            c.close(1000, "replay done");
            c.awaitEnded(Duration.ofSeconds(2));
        }
        List<Content> recorded = recording.server().stream().map(Recording.Recorded::content).toList();
        List<Content> replayed = inbox.poll();
        List<Outcome> outcomes = Pairing.pair(recorded, replayed, Correlation.of(recording), masks);
        return new ReplayResult(spec.uri().toString(), recording, sent, replayed, outcomes, problems);
    }

    /**
     * How far a replay is, for a progress bar: written by the replaying thread, read by any.
     */
    public static final class Progress {
        private volatile int total = 1;
        private volatile int sent;
        private volatile boolean collecting;

        /** 0 to 1: sending takes the first nine tenths, waiting for the last answers the rest. */
        public double fraction() {
            return collecting ? 0.95 : 0.9 * sent / total;
        }

        /** In words: "sent 2 of 4 messages", "waiting for the server's last answers". */
        public String words() {
            return collecting ? "waiting for the server's last answers" : "sent " + sent + " of " + total
                    + " message(s)";
        }
    }

    /** Waits until {@code r} is due; false when the connection ended first. */
    private boolean awaitTurn(Recording.Recorded r, long start, long first, Inbox inbox, Connection c,
                              List<String> problems) throws InterruptedException {
        long deadline = switch (timing) {
            case RECORDED -> start + (r.nanos() - first);
            case REACTIVE -> System.nanoTime() + patience.toNanos();
            case FAST -> System.nanoTime();
        };
        while (System.nanoTime() - deadline < 0) {
            if (timing == Timing.REACTIVE && inbox.poll().size() >= r.serverBefore()) {
                break;
            }
            if (c.ended()) {
                break;
            }
            pause();
        }
        if (timing == Timing.REACTIVE && inbox.poll().size() < r.serverBefore() && !c.ended()) {
            problems.add("message " + (r.index() + 1) + " was sent without the " + r.serverBefore()
                    + " server message(s) that preceded it in the recording (waited " + patience.toSeconds() + " s)");
        }
        return !c.ended();
    }

    /** Waits for as many server messages as recorded, then {@code settle} longer for extras, or the end. */
    private void collect(Recording recording, Inbox inbox, Connection c) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (inbox.poll().size() < recording.server().size() && !c.ended() && System.nanoTime() - deadline < 0) {
            pause();
        }
        long quiet = System.nanoTime() + settle.toNanos();
        while (!c.ended() && System.nanoTime() - quiet < 0) {
            pause();
        }
        inbox.poll();
    }

    private static String closedEarly(Connection c, Inbox inbox, int sent, int total) {
        inbox.poll();
        return "the server ended the connection after " + sent + " of our " + total + " messages had been sent"
                + inbox.closeText().map(t -> " (" + t + ")").orElse(c.failure().map(f -> " (" + f + ")").orElse(""));
    }

    /**
     * Sends {@code r}; false when the connection stopped being open just before: the server's close came between
     * the turn and the send, and the connection (or its driver, a moment before the connection knows) refuses to
     * send. That ends the replay as a closed connection does, not with an error.
     */
    private static boolean trySend(Connection c, Recording.Recorded r, boolean exactFrames) {
        try {
            send(c, r, exactFrames);
            return true;
        } catch (IllegalStateException notOpen) {
            return false;
        }
    }

    private static void send(Connection c, Recording.Recorded r, boolean exactFrames) {
        if (exactFrames) {
            r.frames().forEach(f -> c.sendRaw(f.clientBytes()));
            return;
        }
        Content content = r.content();
        if (content.text()) {
            c.sendText(new String(content.bytes(), StandardCharsets.UTF_8));
        } else {
            c.sendBinary(content.bytes());
        }
    }

    /**
     * Compressed frames sent as they were only inflate on a server that negotiated what the recording's did: a
     * different window or context takeover is named as a problem before anything is sent.
     */
    private static Optional<String> extensionsDiffer(Recording recording, Inbox inbox) {
        boolean compressed = recording.client().stream().flatMap(r -> r.frames().stream()).anyMatch(WireFrame::rsv1);
        String now = inbox.acceptedExtensions().orElse("");
        if (!compressed || normal(now).equals(normal(recording.extensions()))) {
            return Optional.empty();
        }
        return Optional.of("the server accepted the extensions '" + now + "', the recording '"
                + recording.extensions() + "': the recorded compressed frames may not inflate the same way");
    }

    private static String normal(String extensions) {
        return extensions.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    private static void pause() throws InterruptedException {
        LockSupport.parkNanos(POLL_NANOS);
        if (Thread.interrupted()) {
            throw new InterruptedException("replay interrupted");
        }
    }

    /** The server's messages as the log has them so far. */
    private static final class Inbox {
        private final CaptureLog log;
        private final boolean stomp;
        private final List<Content> messages = new ArrayList<>();
        private String closeText;
        private String acceptedExtensions;
        private int next;

        Inbox(CaptureLog log, boolean stomp) {
            this.log = log;
            this.stomp = stomp;
        }

        List<Content> poll() {
            for (CaptureEvent e : log.readFrom(next, 10_000)) {
                next++;
                if (e instanceof CaptureEvent.MessageEvent m && m.dir() == Direction.IN) {
                    Message message = m.message();
                    messages.add(Content.of(message.isText(), message.payload(), stomp));
                } else if (e instanceof CaptureEvent.HandshakeEvent h) {
                    acceptedExtensions = h.acceptedExtensions();
                } else if (e instanceof CaptureEvent.CloseEvent close && close.receivedCode().isPresent()) {
                    closeText = "close code " + close.receivedCode().getAsInt()
                            + (close.receivedReason().isEmpty() ? "" : " '" + close.receivedReason() + "'");
                }
            }
            return List.copyOf(messages);
        }

        Optional<String> acceptedExtensions() {
            return Optional.ofNullable(acceptedExtensions);
        }

        Optional<String> closeText() {
            return Optional.ofNullable(closeText);
        }
    }
}
