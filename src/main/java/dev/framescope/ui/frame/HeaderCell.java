package dev.framescope.ui.frame;

import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.LengthEncoding;
import java.util.ArrayList;
import java.util.List;

/**
 * One cell of the header diagram: a field, its bits as on the wire and the decoded value.
 *
 * @param field the field
 * @param width number of bits, which sizes the cell
 * @param bits  the bits, most significant first, grouped by 8 for long fields
 * @param value the decoded value, e.g. "1 (TEXT)", "5", "37fa213d"
 */
public record HeaderCell(HeaderField field, int width, String bits, String value) {

    /** The cells of {@code header} in wire order; optional fields only when present (RFC 6455 §5.2). */
    public static List<HeaderCell> of(FrameHeader header) {
        List<HeaderCell> cells = new ArrayList<>(9);
        cells.add(flag(HeaderField.FIN, header.fin()));
        cells.add(flag(HeaderField.RSV1, header.rsv1()));
        cells.add(flag(HeaderField.RSV2, header.rsv2()));
        cells.add(flag(HeaderField.RSV3, header.rsv3()));
        int op = header.opcode().code();
        cells.add(new HeaderCell(HeaderField.OPCODE, 4, bits(op, 4),
                String.format("%X (%s)", op, header.opcode().shortName())));
        cells.add(flag(HeaderField.MASK, header.masked()));
        cells.add(payloadLen(header));
        if (header.lengthEncoding() != LengthEncoding.SEVEN_BIT) {
            int width = header.lengthEncoding().bits();
            String value = header.lengthMsbSet()
                    ? Long.toUnsignedString(header.payloadLength()) + " (MSB set)"
                    : String.format("%,d", header.payloadLength());
            cells.add(new HeaderCell(HeaderField.EXTENDED_PAYLOAD_LEN, width, bits(header.payloadLength(), width), value));
        }
        if (header.masked()) {
            cells.add(new HeaderCell(HeaderField.MASKING_KEY, 32, bits(header.maskingKey() & 0xFFFFFFFFL, 32),
                    header.maskingKeyHex().orElse("")));
        }
        return cells;
    }

    private static HeaderCell payloadLen(FrameHeader header) {
        int raw;
        String value;
        switch (header.lengthEncoding()) {
            case EXTENDED_16:
                raw = FrameHeader.LENGTH_16_MARKER;
                value = "126 → 16-bit";
                break;
            case EXTENDED_64:
                raw = FrameHeader.LENGTH_64_MARKER;
                value = "127 → 64-bit";
                break;
            default:
                raw = (int) header.payloadLength();
                value = Integer.toString(raw);
        }
        return new HeaderCell(HeaderField.PAYLOAD_LEN, 7, bits(raw, 7), value);
    }

    private static HeaderCell flag(HeaderField field, boolean set) {
        return new HeaderCell(field, 1, set ? "1" : "0", set ? "1" : "0");
    }

    /** The low {@code width} bits of {@code value}, MSB first, a space between bytes when width is a multiple of 8. */
    static String bits(long value, int width) {
        StringBuilder sb = new StringBuilder(width + width / 8);
        for (int i = width - 1; i >= 0; i--) {
            sb.append((value >>> i & 1) == 1 ? '1' : '0');
            if (i > 0 && width % 8 == 0 && i % 8 == 0) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }
}
