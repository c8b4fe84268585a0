package dev.framescope.capture.text;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.HeartbeatEvent;
import dev.framescope.capture.CaptureEvent.HeartbeatKind;
import dev.framescope.capture.CaptureLog;
import dev.framescope.wire.Utf8Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The pings nobody answered before a connection ended (RFC 6455 §5.5.3), from the heartbeat events written at its
 * close: how many, their data and how long each had waited. For the close summaries of the window and the CLI and
 * for the Heartbeat tab. Fed events in log order; not thread-safe.
 */
public final class UnansweredPings {

    private static final int PAYLOAD_CHARS = 24;
    private static final int LISTED = 5;

    private final List<HeartbeatEvent> ours = new ArrayList<>();
    private final List<HeartbeatEvent> servers = new ArrayList<>();

    public static UnansweredPings of(CaptureLog log) {
        UnansweredPings u = new UnansweredPings();
        log.readFrom(0, log.size()).forEach(u::accept);
        return u;
    }

    public void accept(CaptureEvent e) {
        if (e instanceof HeartbeatEvent h && h.kind() == HeartbeatKind.PING_UNANSWERED) {
            ours.add(h);
        } else if (e instanceof HeartbeatEvent h && h.kind() == HeartbeatKind.SERVER_PING_UNANSWERED) {
            servers.add(h);
        }
    }

    public void clear() {
        ours.clear();
        servers.clear();
    }

    /** Our pings the server never answered. */
    public int ours() {
        return ours.size();
    }

    /** The server's pings we never answered. */
    public int servers() {
        return servers.size();
    }

    /**
     * One line per side that left pings unanswered, e.g. {@code 2 pings of ours unanswered when the connection
     * ended: "fs-hb-7" after 4.00 s, "fs-hb-8" after 1.00 s}; empty when every ping was answered.
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>(2);
        line(ours, "of ours unanswered when the connection ended").ifPresent(lines::add);
        line(servers, "from the server we had not answered when the connection ended").ifPresent(lines::add);
        return lines;
    }

    private static Optional<String> line(List<HeartbeatEvent> pings, String what) {
        if (pings.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder().append(pings.size()).append(pings.size() == 1 ? " ping " : " pings ")
                .append(what).append(": ");
        for (int i = 0; i < Math.min(LISTED, pings.size()); i++) {
            HeartbeatEvent h = pings.get(i);
            sb.append(i == 0 ? "" : ", ").append(shown(h.payload()));
            h.rttNanos().ifPresent(age -> sb.append(String.format(Locale.ROOT, " after %.2f s", age / 1e9)));
        }
        if (pings.size() > LISTED) {
            sb.append(", … ").append(pings.size() - LISTED).append(" more");
        }
        return Optional.of(sb.toString());
    }

    private static String shown(byte[] payload) {
        if (payload.length == 0) {
            return "(no data)";
        }
        return Utf8Validator.isValid(payload)
                ? "\"" + FrameText.plain(payload, true, PAYLOAD_CHARS) + "\""
                : FrameText.hex(payload, PAYLOAD_CHARS / 3);
    }
}
