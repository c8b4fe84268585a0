package dev.framescope.cli;

import dev.framescope.capture.CaptureLog;
import dev.framescope.engine.ProtocolMode;
import dev.framescope.engine.io.ConnectionSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The summary's protocol-mode line, after the connection line: Strict or Observe, from the set-up the log keeps
 * (Strict for a file older than the mode). A connection imported from HAR or pcapng kept no set-up: no client of
 * ours made it, so no mode is claimed.
 */
final class ModeLine {

    private ModeLine() {
    }

    static List<String> with(CaptureLog log, List<String> summary) {
        if (!log.setup().tree(false).containsKey("options")) {
            return summary;
        }
        ProtocolMode mode = ConnectionSetup.read(log.setup(), log.label()).options().mode();
        String why = mode.explanation();
        List<String> lines = new ArrayList<>(summary);
        lines.add(Math.min(1, lines.size()), "  mode:        " + mode.label() + ": "
                + why.substring(0, 1).toLowerCase(Locale.ROOT) + why.substring(1));
        return lines;
    }
}
