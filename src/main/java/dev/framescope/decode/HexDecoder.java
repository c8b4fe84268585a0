package dev.framescope.decode;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A classic hex dump (offset, 16 bytes, ASCII): the decoder of last resort, right for any bytes. */
final class HexDecoder implements PayloadDecoder {

    static final String ID = "hex";
    /** Lines beyond this are left out of the tree: 4,096 lines is 64 KiB of payload, more than anyone reads. */
    static final int MAX_LINES = 4096;
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Hex dump";
    }

    /** 1 for everything: it always applies and never claims to understand the bytes. */
    @Override
    public int detect(DecodeInput input) {
        return 1;
    }

    @Override
    public Decoded decode(DecodeInput input) {
        byte[] b = input.bytes();
        ObjectNode tree = Trees.NODES.objectNode();
        tree.put("length", b.length);
        ArrayNode lines = tree.putArray("lines");
        int shown = (int) Math.min(b.length, (long) MAX_LINES * 16);
        for (int at = 0; at < shown; at += 16) {
            lines.add(line(b, at, Math.min(shown, at + 16)));
        }
        if (shown < b.length) {
            tree.put("omitted", Trees.grouped(b.length - shown) + " bytes after the first " + Trees.grouped(shown));
        }
        return Trees.ok(ID, tree, Trees.grouped(b.length) + " bytes");
    }

    static String line(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder(80);
        for (int shift = 28; shift >= 0; shift -= 4) {
            sb.append(DIGITS[(from >>> shift) & 0xF]);
        }
        sb.append("  ");
        for (int i = from; i < from + 16; i++) {
            if (i < to) {
                sb.append(DIGITS[(b[i] >> 4) & 0xF]).append(DIGITS[b[i] & 0xF]).append(' ');
            } else {
                sb.append("   ");
            }
            if (i == from + 7) {
                sb.append(' ');
            }
        }
        sb.append(" |");
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xff;
            sb.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        return sb.append('|').toString();
    }
}
