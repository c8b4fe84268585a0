package dev.framescope.decode;

/** Where and why decoding stopped: {@code offset} is a byte offset into the payload. */
public record DecodeFailure(long offset, String reason) {

    @Override
    public String toString() {
        return "at byte " + offset + ": " + reason;
    }
}
