package dev.framescope.decode;

/**
 * Thrown inside a hand-written reader to unwind to its entry point when the bytes stop making sense; the entry point
 * turns it into a {@link DecodeFailure}. Never leaves the package: every decoder returns a {@link Decoded}.
 */
final class DecodeStop extends Exception {

    private static final long serialVersionUID = 1L;

    private final long offset;

    DecodeStop(long offset, String reason) {
        super(reason, null, false, false);
        this.offset = offset;
    }

    DecodeFailure failure() {
        return new DecodeFailure(offset, getMessage());
    }
}
