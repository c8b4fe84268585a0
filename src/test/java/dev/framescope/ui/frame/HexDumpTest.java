package dev.framescope.ui.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class HexDumpTest {

    @Test
    void fullRowHasTwoGroupsOfEightAndPrintableAscii() {
        byte[] data = "Hello, WebSocket!".getBytes(StandardCharsets.US_ASCII);
        List<HexDump.Row> rows = HexDump.rows(data, 0, data.length);
        assertEquals(2, rows.size());
        assertEquals("00000000  48 65 6c 6c 6f 2c 20 57  65 62 53 6f 63 6b 65 74  |Hello, WebSocket|",
                rows.get(0).line());
        assertEquals(16, rows.get(1).offset());
        assertEquals("!", rows.get(1).ascii());
    }

    @Test
    void aNarrowPaneGetsRowsOfEightOrFourWithTheirOwnGroupGap() {
        byte[] data = "Hello, WebSocket!".getBytes(StandardCharsets.US_ASCII);
        assertEquals(3, HexDump.rowCount(data.length, 8));
        assertEquals("00000005  2c 20 57 65  62 53 6f 63  |, WebSoc|",
                HexDump.row(data, 5, 13, 8).line());
        assertEquals("48 65  6c 6c", HexDump.row(data, 0, 4, 4).hex());
        assertThrows(IllegalArgumentException.class, () -> HexDump.row(data, 0, 5, 4));
    }

    @Test
    void shortRowIsPaddedSoColumnsLineUp() {
        byte[] data = HexFormat.of().parseHex("00ff7f20");
        HexDump.Row row = HexDump.rows(data, 0, data.length).get(0);
        assertEquals("00 ff 7f 20", row.hex().strip());
        assertEquals(16 * 3, row.hex().length(), "16 cells of 2 digits, 15 single gaps and one double gap");
        assertEquals("... ", row.ascii());
    }

    @Test
    void rangeStartsRowsAtFrom() {
        byte[] data = new byte[40];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        List<HexDump.Row> rows = HexDump.rows(data, 10, 30);
        assertEquals(List.of(10, 26), rows.stream().map(HexDump.Row::offset).toList());
        assertEquals("klmnopqrstuvwxyz", rows.get(0).ascii());
        assertEquals("abcd", rows.get(1).ascii());
    }

    @Test
    void emptyRangeHasNoRows() {
        assertEquals(List.of(), HexDump.rows(new byte[8], 3, 3));
        assertEquals(0, HexDump.rowCount(0));
        assertEquals(65_536, HexDump.rowCount(1024 * 1024));
        assertEquals(2, HexDump.rowCount(17));
    }

    @Test
    void rejectsRangesOutsideTheArray() {
        assertThrows(IndexOutOfBoundsException.class, () -> HexDump.rows(new byte[4], 0, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> HexDump.rows(new byte[4], 3, 2));
        assertThrows(IllegalArgumentException.class, () -> HexDump.row(new byte[20], 0, 17));
    }
}
