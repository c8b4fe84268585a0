package dev.framescope.wire;

/** Which endpoint wrote a byte stream; decides the masking rule of RFC 6455 §5.1. */
public enum Sender {
    CLIENT,
    SERVER;

    public Sender peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }
}
