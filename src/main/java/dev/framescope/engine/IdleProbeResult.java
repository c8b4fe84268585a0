package dev.framescope.engine;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * What an idle-timeout probe found: how long the connection lived after our last frame, and what ended it.
 *
 * @param idle              from the last byte we sent before the probe to the end (or to the probe limit)
 * @param ending            who or what ended it, or that it was still open
 * @param pongsSent         pongs we sent during the probe (answers to server pings, per the pong mode)
 * @param otherFramesSent   anything else we sent during the probe (the user's own sends): the probe was not idle
 */
public record IdleProbeResult(Duration idle, Ending ending, int pongsSent, int otherFramesSent) {

    /** How the probe ended. */
    public sealed interface Ending {
    }

    /** The server (or a proxy speaking WebSocket) sent a close frame. */
    public record ServerClose(OptionalInt code, String reason) implements Ending {
    }

    /** TCP ended without a close frame: a reset ({@code reset}) or an orderly FIN. */
    public record TcpEnded(boolean reset, String detail) implements Ending {
    }

    /** We closed first (the user closed the connection during the probe). */
    public record ClientClosed() implements Ending {
    }

    /** Still open when the probe's limit came; our heartbeat resumes. */
    public record StillOpen(Duration limit) implements Ending {
    }

    /** "idle for 30.2 s, then server sent close 1001 'idle timeout'", for notes, the CLI and the Heartbeat tab. */
    public String describe() {
        String idleText = seconds(idle);
        String text;
        if (ending instanceof ServerClose c) {
            text = "idle for " + idleText + ", then server sent close "
                    + (c.code().isPresent() ? String.valueOf(c.code().getAsInt()) : "(no status code)")
                    + (c.reason().isEmpty() ? "" : " '" + c.reason() + "'");
        } else if (ending instanceof TcpEnded t) {
            text = (t.reset() ? "TCP reset after " : "TCP closed without a close frame after ") + idleText
                    + (t.detail().isEmpty() ? "" : " (" + t.detail() + ")");
        } else if (ending instanceof ClientClosed) {
            text = "we closed the connection after " + idleText + " idle";
        } else {
            text = "still open after the probe limit (" + seconds(((StillOpen) ending).limit()) + "; idle for "
                    + idleText + ")";
        }
        if (pongsSent > 0) {
            text += "; we answered " + pongsSent + (pongsSent == 1 ? " server ping" : " server pings")
                    + " meanwhile";
        }
        if (otherFramesSent > 0) {
            text += "; NOT idle: " + otherFramesSent + " other frames of ours went out during the probe";
        }
        return text;
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toNanos() / 1e9);
    }
}
