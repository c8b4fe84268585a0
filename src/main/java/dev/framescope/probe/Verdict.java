package dev.framescope.probe;

/**
 * A case's grade, as Autobahn's TestSuite names them: the behaviour (what the server did with our frames) and,
 * graded separately, the close behaviour. {@link #label()} is Autobahn's spelling, used in reports and JSON.
 */
public enum Verdict {
    OK("OK"),
    NON_STRICT("NON-STRICT"),
    INFORMATIONAL("INFORMATIONAL"),
    UNIMPLEMENTED("UNIMPLEMENTED"),
    WRONG_CODE("WRONG CODE"),
    UNCLEAN("UNCLEAN"),
    FAILED_BY_CLIENT("FAILED BY CLIENT"),
    FAILED("FAILED");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Only FAILED fails a run (exit code 1); Autobahn's report colours the rest as passes or notes. */
    public boolean failed() {
        return this == FAILED;
    }
}
