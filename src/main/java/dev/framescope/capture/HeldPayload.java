package dev.framescope.capture;

import java.io.IOException;
import java.io.OutputStream;

/** A payload {@link PayloadStore#store}d: bytes on the heap until the budget needs the room, then in the spill file. */
final class HeldPayload implements Payload {
    final PayloadStore store;
    final int length;
    volatile byte[] data;
    volatile long position = -1;

    HeldPayload(PayloadStore store, byte[] data) {
        this.store = store;
        this.data = data;
        this.length = data.length;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public byte[] bytes() {
        byte[] d = data;
        return d != null ? d : store.read(position, length);
    }

    @Override
    public void copyTo(OutputStream out) throws IOException {
        byte[] d = data;
        if (d != null) {
            out.write(d);
        } else {
            store.copy(position, length, out);
        }
    }

    boolean onHeap() {
        return data != null;
    }

    /** Position first, then drop the bytes: a reader that sees no bytes always finds the position. */
    void spilled(long at) {
        position = at;
        data = null;
    }
}
