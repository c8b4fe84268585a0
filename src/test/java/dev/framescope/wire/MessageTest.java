package dev.framescope.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A message event keeps its message without the bytes (they are in the payload store): one shared empty array. */
class MessageTest {

    private static Message hello(byte[] payload) {
        return new Message(Sender.SERVER, Opcode.TEXT, 0, 1, 5, false, 5, payload, List.of());
    }

    @Test
    void messagesWithoutBytesAreEqualAndNotCopiedToDropThem() {
        Message a = hello(new byte[0]);
        Message b = hello(new byte[0]);

        assertEquals(a, b, "records compare arrays by reference: every empty payload is the one shared array");
        assertSame(a, a.withoutPayload(), "a message read back from a compact record is not copied again");
        Message withBytes = a.withPayload("hello".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), withBytes.payload());
        assertEquals(a, withBytes.withoutPayload());
    }
}
