package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.PayloadStore;
import dev.framescope.wire.ExtensionHeader;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Sender;
import dev.framescope.wire.StreamDissector;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plain frames recorded and cut out of the read; the rest left, in order, for the library. */
class PlainFrameBypassTest {

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private final CaptureLog log = new CaptureLog(1, "bypass", new PayloadStore(1 << 20));

    @Test
    void plainFramesAreRecordedAndCutOutWhileTheRestStaysInOrder() {
        byte[] plain1 = FrameEncoder.binary(new byte[] {1, 2}).encode();
        byte[] plain2 = FrameEncoder.text("hi").encode();
        byte[] ping = FrameEncoder.ping(new byte[] {9}).encode();
        byte[] plain3 = FrameEncoder.binary(new byte[3]).encode();
        byte[] read = concat(plain1, plain2, ping, plain3);
        PlainFrameBypass bypass = new PlainFrameBypass(true);
        bypass.negotiated(List.of());
        assertTrue(bypass.active());
        StreamDissector d = new StreamDissector(Sender.SERVER);
        ByteBuffer in = ByteBuffer.wrap(read);
        assertEquals(plain1.length + plain2.length, bypass.take(d, in, 5, log));
        d.feedOne(in, new java.util.ArrayList<>());
        assertEquals(plain3.length, bypass.take(d, in, 5, log));
        assertEquals(6, log.size(), "three plain frames, each a frame and a message event");
        int kept = bypass.compact(read, 0, read.length);
        assertArrayEquals(ping, Arrays.copyOf(read, kept), "only the ping is left for the library");
    }

    @Test
    void theLibraryReadsEveryFrameWhenToldToOrWhenAnExtensionOfItsOwnWasNegotiated() {
        PlainFrameBypass told = new PlainFrameBypass(false);
        told.negotiated(List.of());
        assertFalse(told.active());
        PlainFrameBypass custom = new PlainFrameBypass(true);
        custom.negotiated(ExtensionHeader.parse("x-custom-extension").offers());
        assertFalse(custom.active(), "a user's extension may transform any frame inside the library");
        PlainFrameBypass deflate = new PlainFrameBypass(true);
        deflate.negotiated(ExtensionHeader.parse("permessage-deflate").offers());
        assertTrue(deflate.active());

        byte[] plain = FrameEncoder.binary(new byte[4]).encode();
        assertEquals(plain.length, told.take(new StreamDissector(Sender.SERVER), ByteBuffer.wrap(plain), 1, log));
        assertEquals(2, log.size(), "recorded compactly all the same");
        assertEquals(plain.length, told.compact(plain, 0, plain.length), "but not withheld");
    }
}
