package dev.framescope.ui.frame;

import java.util.ArrayList;
import java.util.List;

/** Formats bytes as a classic offset / hex / ASCII dump, 16 bytes per row (fewer on request). Pure; the view renders rows lazily. */
public final class HexDump {

    public static final int BYTES_PER_ROW = 16;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * One row of the dump.
     *
     * @param offset offset of the row's first byte in the array
     * @param hex    "48 65 6c 6c 6f 20 57 6f  72 6c 64": two groups of eight, padded to full width on a short row
     * @param ascii  printable ASCII as is, anything else as '.'
     */
    public record Row(int offset, String hex, String ascii) {

        /** "00000000  48 65 ...  |Hello World|". */
        public String line() {
            return String.format("%08x  %s  |%s|", offset, hex, ascii);
        }
    }

    private HexDump() {
    }

    /** Rows covering {@code data[from, to)}; the first row starts at {@code from}. */
    public static List<Row> rows(byte[] data, int from, int to) {
        checkRange(data, from, to);
        List<Row> rows = new ArrayList<>(rowCount(to - from));
        for (int start = from; start < to; start += BYTES_PER_ROW) {
            rows.add(row(data, start, Math.min(start + BYTES_PER_ROW, to)));
        }
        return rows;
    }

    /** Number of rows needed for {@code length} bytes. */
    public static int rowCount(int length) {
        return rowCount(length, BYTES_PER_ROW);
    }

    /** Number of rows of {@code bytesPerRow} needed for {@code length} bytes. */
    public static int rowCount(int length, int bytesPerRow) {
        return (length + bytesPerRow - 1) / bytesPerRow;
    }

    /** The single row for {@code data[start, end)}, at most 16 bytes. */
    public static Row row(byte[] data, int start, int end) {
        return row(data, start, end, BYTES_PER_ROW);
    }

    /**
     * The single row for {@code data[start, end)} in a dump of {@code bytesPerRow} (an even number) per row: a narrow
     * pane shows 8 or 4 bytes a row rather than cutting off the ASCII column.
     */
    public static Row row(byte[] data, int start, int end, int bytesPerRow) {
        checkRange(data, start, end);
        if (end - start > bytesPerRow) {
            throw new IllegalArgumentException("a row holds at most " + bytesPerRow + " bytes, not " + (end - start));
        }
        StringBuilder hex = new StringBuilder(3 * bytesPerRow + 1);
        StringBuilder ascii = new StringBuilder(bytesPerRow);
        for (int i = 0; i < bytesPerRow; i++) {
            if (i > 0) {
                hex.append(i == bytesPerRow / 2 ? "  " : " ");
            }
            if (start + i < end) {
                int b = data[start + i] & 0xFF;
                hex.append(HEX[b >>> 4]).append(HEX[b & 0xF]);
                ascii.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
            } else {
                hex.append("  ");
            }
        }
        return new Row(start, hex.toString(), ascii.toString());
    }

    private static void checkRange(byte[] data, int from, int to) {
        if (from < 0 || to > data.length || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") outside 0.." + data.length);
        }
    }
}
