package dev.framescope.ui.frame;

import dev.framescope.wire.Frame;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.LengthEncoding;
import dev.framescope.wire.Opcode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Frames built directly from their records, RFC 6455 §5.7 examples first. */
final class Fixtures {

    /** §5.7: "A single-frame masked text message": 81 85 37 fa 21 3d 7f 9f 4d 51 58 ("Hello"). */
    static final String MASKED_HELLO_HEX = "818537fa213d7f9f4d5158";
    static final FrameHeader MASKED_HELLO_HEADER =
            new FrameHeader(true, false, false, false, Opcode.TEXT, true, 0x37fa213d, 5, LengthEncoding.SEVEN_BIT, 0);
    static final Frame MASKED_HELLO =
            Frame.whole(MASKED_HELLO_HEADER, "Hello".getBytes(StandardCharsets.US_ASCII), List.of());

    /** §5.7: 256 bytes binary message in a single unmasked frame: 82 7E 01 00 + payload. */
    static final FrameHeader UNMASKED_256_BINARY_HEADER =
            new FrameHeader(true, false, false, false, Opcode.BINARY, false, 0, 256, LengthEncoding.EXTENDED_16, 1234);

    private Fixtures() {
    }
}
