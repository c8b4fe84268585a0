package dev.framescope.wire;

/** How bad a violation is: ERROR where the RFC says MUST (the peer should fail the connection), WARNING for SHOULD. */
public enum Severity {
    ERROR,
    WARNING,
    INFO
}
