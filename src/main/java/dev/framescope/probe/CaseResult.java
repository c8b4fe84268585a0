package dev.framescope.probe;

import dev.framescope.capture.CaptureLog;

/**
 * One case run: its grade, what was observed, how long it took, and its capture (the wire trace both ways, for the
 * report's session file and the window's views).
 */
public record CaseResult(ProbeCase probeCase, Grade grade, Observation observation, long durationMillis,
                         CaptureLog log) {

    public String id() {
        return probeCase.id();
    }
}
