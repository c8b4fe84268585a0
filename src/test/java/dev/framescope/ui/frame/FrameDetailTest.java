package dev.framescope.ui.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.framescope.wire.Frame;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.LengthEncoding;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDetailTest {

    @Test
    void summarisesAnUnmaskedServerTextFrame() {
        FrameHeader h = new FrameHeader(true, false, false, false, Opcode.TEXT, false, 0, 5, LengthEncoding.SEVEN_BIT,
                1234);
        FrameDetail d = FrameDetail.of(12, Sender.SERVER, Frame.whole(h, new byte[5], List.of()));
        assertEquals("#12 · server → client · TEXT · FIN · 5 B (7-bit) · offset 1,234", d.summary());
    }

    @Test
    void summarisesAMaskedClientFragmentWithRsv1() {
        FrameHeader h = new FrameHeader(false, true, false, false, Opcode.BINARY, true, 0x37fa213d, 300,
                LengthEncoding.EXTENDED_16, 0);
        FrameDetail d = FrameDetail.of(1, Sender.CLIENT, Frame.whole(h, new byte[300], List.of()));
        assertEquals("#1 · client → server · BINARY · not FIN · RSV1 · 300 B (16-bit) · mask 37fa213d · offset 0",
                d.summary());
    }
}
