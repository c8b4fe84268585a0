package dev.framescope.capture;

/** Life of a connection as the user sees it. */
public enum ConnectionState {
    CONNECTING, OPEN, CLOSING, CLOSED, FAILED
}
