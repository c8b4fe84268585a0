package dev.framescope.replay;

/** The replay or mock cannot start or go on: a message for the user, in one line. */
public final class ReplayException extends Exception {

    public ReplayException(String message) {
        super(message);
    }
}
