package dev.framescope.capture;

/** Payload bytes held by a {@link PayloadStore}: in memory or in its spill file, read back on demand. */
public interface Payload {

    int length();

    byte[] bytes();

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
    }
}
