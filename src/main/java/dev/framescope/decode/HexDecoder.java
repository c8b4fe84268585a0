package dev.framescope.decode;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A classic hex dump (offset, 16 bytes, ASCII): the decoder of last resort, right for any bytes. */
final class HexDecoder implements PayloadDecoder {

    static final String ID = "hex";
    /** Lines beyond this are left out of the tree: 4,096 lines is 64 KiB of payload, more than anyone reads. */
    static final int MAX_LINES = 4096;

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
            tree.put("omitted", String.format("%,d bytes after the first %,d", b.length - shown, shown));
        }
        return Trees.ok(ID, tree, String.format("%,d bytes", b.length));
    }

    static String line(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder(80).append(String.format("%08x  ", from));
        for (int i = from; i < from + 16; i++) {
            sb.append(i < to ? String.format("%02x ", b[i] & 0xff) : "   ");
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
