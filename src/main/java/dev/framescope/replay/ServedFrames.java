package dev.framescope.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which frames the mock writes for a recorded server message when serving frame-exact: the recorded frames as they
 * were (fragments, RSV bits, compressed payloads, the pings among them) when the message is sent as recorded; for a
 * message whose ids were rewritten, its new payload cut into as many fragments as recorded, fragment sizes kept where
 * they fit. A compressed message whose ids were rewritten cannot keep its bytes, and one sent as recorded can only
 * when every message is compressed on its own ({@code server_no_context_takeover}): otherwise it goes as a message.
 */
final class ServedFrames {

    private ServedFrames() {
    }

    static Optional<List<WireFrame>> of(MockScript.Timed t, boolean serverContextTakeover) {
        List<WireFrame> frames = t.frames();
        boolean compressed = frames.stream().anyMatch(WireFrame::rsv1);
        if (frames.isEmpty() || compressed && (serverContextTakeover || !t.asRecorded())) {
            return Optional.empty();
        }
        return Optional.of(t.asRecorded() ? frames : recut(frames, t.content().bytes()));
    }

    /** The new payload in the recorded number of data frames, the pings kept where they were. */
    private static List<WireFrame> recut(List<WireFrame> frames, byte[] payload) {
        long data = frames.stream().filter(f -> !f.opcode().isControl()).count();
        List<WireFrame> out = new ArrayList<>();
        int at = 0;
        int seen = 0;
        for (WireFrame f : frames) {
            if (f.opcode().isControl()) {
                out.add(f);
                continue;
            }
            seen++;
            int end = seen == data ? payload.length : Math.min(payload.length, at + f.payload().length);
            out.add(new WireFrame(f.fin(), f.rsv1(), f.rsv2(), f.rsv3(), f.opcode(),
                    Arrays.copyOfRange(payload, at, end)));
            at = end;
        }
        return out;
    }

    /** Whether the recording's server kept its compression context between messages. */
    static boolean serverContextTakeover(String acceptedExtensions) {
        return acceptedExtensions.toLowerCase(Locale.ROOT).contains("permessage-deflate")
                && !acceptedExtensions.toLowerCase(Locale.ROOT).contains("server_no_context_takeover");
    }
}
