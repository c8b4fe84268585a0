package dev.framescope.capture;

import java.io.IOException;
import java.io.OutputStream;

/** Payload bytes held by a {@link PayloadStore}: in memory or in its spill file, read back on demand. */
public interface Payload {

    int length();

    byte[] bytes();

    /**
     * Writes the bytes to {@code out}; a payload kept on disk goes in pieces, so writing it never needs it whole on
     * the heap (a session file writing a 64 MiB inflation at a small heap).
     */
    default void copyTo(OutputStream out) throws IOException {
        out.write(bytes());
    }

    static Payload of(byte[] bytes) {
        return new InMemory(bytes);
    }

    /** Bytes kept on the heap. */
    record InMemory(byte[] data) implements Payload {
        @Override
        public int length() {
            return data.length;
        }

        @Override
        public byte[] bytes() {
            return data;
        }

        @Override
        public void copyTo(OutputStream out) throws IOException {
            out.write(data);
        }
    }
}
