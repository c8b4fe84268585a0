package dev.framescope.probe;

/**
 * A case's grades with Autobahn's texts ({@code result}, {@code resultClose}) and our one line saying what the
 * server did, in plain words.
 */
public record Grade(Verdict behavior, String result, Verdict close, String resultClose, String serverDid) {

    /** FAILED in either grade: the run's exit code is 1. */
    public boolean failed() {
        return behavior.failed() || close.failed();
    }
}
