package dev.framescope.capture.io;

/** Constants of the session file format (docs/session-format.md). */
public final class SessionFormat {

    public static final String FORMAT = "framescope-session";
    public static final int VERSION = 1;
    public static final String EXTENSION = ".fscap";

    private SessionFormat() {
    }
}
