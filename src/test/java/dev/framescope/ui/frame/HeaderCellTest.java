package dev.framescope.ui.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.LengthEncoding;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Violation;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderCellTest {

    @Test
    void maskedHelloHasSevenBitLengthAndAKeyCell() {
        List<HeaderCell> cells = HeaderCell.of(Fixtures.MASKED_HELLO_HEADER);
        assertEquals(List.of(HeaderField.FIN, HeaderField.RSV1, HeaderField.RSV2, HeaderField.RSV3,
                HeaderField.OPCODE, HeaderField.MASK, HeaderField.PAYLOAD_LEN, HeaderField.MASKING_KEY),
                cells.stream().map(HeaderCell::field).toList());
        assertEquals(new HeaderCell(HeaderField.OPCODE, 4, "0001", "1 (TEXT)"), cells.get(4));
        assertEquals(new HeaderCell(HeaderField.PAYLOAD_LEN, 7, "0000101", "5"), cells.get(6));
        assertEquals(new HeaderCell(HeaderField.MASKING_KEY, 32, "00110111 11111010 00100001 00111101", "37fa213d"),
                cells.get(7));
        int bits = cells.stream().mapToInt(HeaderCell::width).sum();
        assertEquals(8 * Fixtures.MASKED_HELLO_HEADER.headerSize(), bits, "cells cover the header's bits exactly");
    }

    @Test
    void extendedLengthsShowTheMarkerAndTheRealLength() {
        List<HeaderCell> cells = HeaderCell.of(Fixtures.UNMASKED_256_BINARY_HEADER);
        assertEquals("126 → 16-bit", cells.get(6).value());
        assertEquals("1111110", cells.get(6).bits());
        assertEquals(new HeaderCell(HeaderField.EXTENDED_PAYLOAD_LEN, 16, "00000001 00000000", "256"), cells.get(7));
        assertEquals(8, cells.size(), "no masking key cell when unmasked");
    }

    @Test
    void sixtyFourBitLengthWithMsbSetShowsTheUnsignedValue() {
        FrameHeader h = new FrameHeader(true, false, false, false, Opcode.BINARY, false, 0, Long.MIN_VALUE,
                LengthEncoding.EXTENDED_64, 0);
        HeaderCell ext = HeaderCell.of(h).get(7);
        assertEquals("9223372036854775808 (MSB set)", ext.value());
        assertTrue(ext.bits().startsWith("10000000 00000000"));
        assertEquals(64 + 7, ext.bits().length());
    }

    @Test
    void reservedOpcodeShowsHexName() {
        FrameHeader h = new FrameHeader(true, false, false, false, Opcode.of(0xB), false, 0, 0,
                LengthEncoding.SEVEN_BIT, 0);
        assertEquals("B (0xB)", HeaderCell.of(h).get(4).value());
        assertEquals("1011", HeaderCell.of(h).get(4).bits());
    }

    @Test
    void violationsImplicateTheFieldsTheyAreAbout() {
        assertEquals(EnumSet.of(HeaderField.MASK, HeaderField.MASKING_KEY),
                HeaderField.implicatedBy(Violation.UNMASKED_CLIENT_FRAME));
        assertEquals(EnumSet.of(HeaderField.PAYLOAD_LEN, HeaderField.EXTENDED_PAYLOAD_LEN),
                HeaderField.implicatedBy(Violation.NON_MINIMAL_LENGTH));
        assertEquals(EnumSet.of(HeaderField.FIN, HeaderField.OPCODE),
                HeaderField.implicatedBy(Violation.FRAGMENTED_CONTROL_FRAME));
        assertTrue(HeaderField.implicatedBy(Violation.INVALID_UTF8).isEmpty());
    }

    @Test
    void everyTooltipCitesAnRfcSection() {
        for (HeaderField f : HeaderField.values()) {
            assertTrue(f.tooltip().contains("RFC 6455 §5."), f + ": " + f.tooltip());
        }
    }
}
