package dev.framescope.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Header sizes and lengths from the second byte (RFC 6455 §5.2), on encoded frames. */
class FrameHeadersTest {

    private static void assertHeader(byte[] frame, int size, LengthEncoding encoding, long length) {
        int b1 = frame[1] & 0xFF;
        assertEquals(size, FrameHeaders.size(b1));
        assertEquals(encoding, FrameHeaders.encoding(b1));
        assertEquals(length, FrameHeaders.payloadLength(ByteBuffer.wrap(frame), 0));
    }

    @Test
    void sevenSixteenAndSixtyFourBitLengthsWithAndWithoutMask() {
        assertHeader(FrameEncoder.binary(new byte[125]).encode(), 2, LengthEncoding.SEVEN_BIT, 125);
        assertHeader(FrameEncoder.binary(new byte[125]).masked(1).encode(), 6, LengthEncoding.SEVEN_BIT, 125);
        assertHeader(FrameEncoder.binary(new byte[126]).encode(), 4, LengthEncoding.EXTENDED_16, 126);
        assertHeader(FrameEncoder.binary(new byte[70_000]).masked(1).encode(), 14, LengthEncoding.EXTENDED_64, 70_000);
        assertHeader(FrameEncoder.binary(new byte[5]).lengthEncoding(LengthEncoding.EXTENDED_64).encode(), 10,
                LengthEncoding.EXTENDED_64, 5);
    }

    @Test
    void aLengthWithItsTopBitSetReadsNegative() {
        byte[] header = {(byte) 0x82, 127, (byte) 0x80, 0, 0, 0, 0, 0, 0, 1};
        assertEquals(Long.MIN_VALUE + 1, FrameHeaders.payloadLength(ByteBuffer.wrap(header), 0));
    }

    @Test
    void aHeaderFurtherIntoTheBufferIsReadWhereItIs() {
        byte[] frame = FrameEncoder.binary(new byte[300]).encode();
        ByteBuffer at3 = ByteBuffer.allocate(3 + frame.length).put(new byte[3]).put(frame);
        assertEquals(300, FrameHeaders.payloadLength(at3, 3));
    }
}
