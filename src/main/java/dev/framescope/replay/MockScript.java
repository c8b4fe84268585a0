package dev.framescope.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server's side of a recording, arranged for a mock: the messages it sent unprompted on open, and for each of our
 * recorded messages the server messages that answered it. A JSON-RPC or GraphQL answer belongs to the request with
 * its id; a JSON-RPC notification from the server is unprompted (it goes out on open, on its schedule, whenever our
 * first message was sent); any other server message belongs to our last message before it.
 *
 * @param opening   server messages before our first message, with their delay from the first server message
 * @param responses for each recorded client message, its answers with their delay from it
 */
public record MockScript(Recording recording, Correlation correlation, List<Timed> opening,
                         List<List<Timed>> responses) {

    /**
     * A server message and how long after its cue it went out.
     *
     * @param frames     its recorded frames (with the pings among them), for serving frame-exact
     * @param asRecorded the content is the recorded one (no id rewritten), so its recorded frames carry it
     */
    public record Timed(Content content, long delayNanos, List<WireFrame> frames, boolean asRecorded) {

        public Timed {
            frames = List.copyOf(frames);
        }

        public Timed(Content content, long delayNanos) {
            this(content, delayNanos, List.of(), true);
        }
    }

    /** A ping the server sent, and how long after the upgrade. */
    public record TimedPing(byte[] payload, long delayNanos) {
    }

    /**
     * The server's close: its code and reason, sent {@code delayNanos} after its cue.
     *
     * @param cue the client message it followed (its recorded index), or -1 for the upgrade
     */
    public record Closing(int code, String reason, int cue, long delayNanos) {
    }

    /** The server's pings, on their recorded schedule from the upgrade. */
    public List<TimedPing> pings() {
        return recording.serverPings().stream().map(p -> new TimedPing(p.payload(),
                Math.max(0, p.nanos() - recording.openNanos()))).toList();
    }

    /** The server's close, if it closed first: after the client message it followed, with the recorded delay. */
    public Optional<Closing> closing() {
        return recording.serverClose().map(c -> {
            int cue = c.clientBefore() - 1;
            long from = cue < 0 ? recording.openNanos() : recording.client().get(cue).nanos();
            return new Closing(c.code(), c.reason(), cue, Math.max(0, c.nanos() - from));
        });
    }

    public static MockScript of(Recording recording) {
        Correlation correlation = Correlation.of(recording);
        List<Recording.Recorded> client = recording.client();
        List<List<Timed>> responses = new ArrayList<>();
        client.forEach(c -> responses.add(new ArrayList<>()));
        List<Timed> opening = new ArrayList<>();
        long start = recording.server().isEmpty() ? 0 : recording.server().get(0).nanos();
        for (Recording.Recorded s : recording.server()) {
            int owner = owner(recording, correlation, s);
            if (owner < 0) {
                opening.add(new Timed(s.content(), Math.max(0, s.nanos() - start), s.frames(), true));
            } else {
                responses.get(owner).add(new Timed(s.content(), Math.max(0, s.nanos() - client.get(owner).nanos()),
                        s.frames(), true));
            }
        }
        return new MockScript(recording, correlation, List.copyOf(opening),
                responses.stream().map(List::copyOf).toList());
    }

    /** The client message {@code s} answers: by id where correlation knows it, else the last one before it. */
    private static int owner(Recording recording, Correlation correlation, Recording.Recorded s) {
        if (correlation.unprompted(s.content())) {
            return -1;
        }
        Optional<String> ids = correlation.answeredIds(s.content());
        if (ids.isPresent()) {
            for (Recording.Recorded c : recording.client()) {
                if (correlation.requestIds(c.content()).equals(ids)) {
                    return c.index();
                }
            }
        }
        int owner = -1;
        for (Recording.Recorded c : recording.client()) {
            if (c.serverBefore() <= s.index()) {
                owner = c.index();
            }
        }
        return owner;
    }

    /** Ids as JSON text, for rewriting: the request's {@code id} member, or each element's for a batch. */
    static List<JsonNode> ids(JsonNode message) {
        List<JsonNode> ids = new ArrayList<>();
        if (message.isArray()) {
            message.forEach(e -> {
                if (e.has("id")) {
                    ids.add(e.get("id"));
                }
            });
        } else if (message.has("id")) {
            ids.add(message.get("id"));
        }
        return ids;
    }
}
