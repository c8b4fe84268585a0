package dev.framescope.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Opcode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The gate's short cut: bytes go on whole, and message boundaries are found from the headers alone, however cut. */
class PassThroughTest {

    private final ByteArrayOutputStream stream = new ByteArrayOutputStream();
    private final TreeSet<Integer> expected = new TreeSet<>();

    private void frame(byte[] f, boolean endsMessage) {
        stream.writeBytes(f);
        if (endsMessage) {
            expected.add(stream.size());
        }
    }

    /** Messages of every length encoding, masked and not, a fragmented one with a ping and an empty frame inside. */
    private byte[] frames() {
        expected.add(0);
        frame(FrameEncoder.text("short").masked(0x01020304).encode(), true);
        frame(FrameEncoder.binary(new byte[300]).encode(), true);
        frame(FrameEncoder.binary(new byte[70_000]).masked(0x0a0b0c0d).encode(), true);
        frame(FrameEncoder.text("frag").fin(false).encode(), false);
        frame(FrameEncoder.ping("p".getBytes(StandardCharsets.US_ASCII)).masked(0x11111111).encode(), false);
        frame(FrameEncoder.frame(Opcode.CONTINUATION).fin(false).payload(new byte[0]).encode(), false);
        frame(FrameEncoder.frame(Opcode.CONTINUATION).payload(new byte[200]).masked(0x22222222).encode(), true);
        frame(FrameEncoder.pong(new byte[0]).encode(), true);
        frame(FrameEncoder.close(1000, "bye").encode(), true);
        return stream.toByteArray();
    }

    /** A boundary that is never quiet: asked at every one. */
    private static PassThrough.Boundary boundary(java.util.function.BooleanSupplier reached) {
        return new PassThrough.Boundary() {
            @Override
            public boolean quiet() {
                return false;
            }

            @Override
            public boolean reached() {
                return reached.getAsBoolean();
            }
        };
    }

    @Test
    void bytesGoOnWholeAndEveryMessageBoundaryIsFoundWhereverTheReadsAreCut() throws Exception {
        byte[] all = frames();
        int[] sizes = {1, 2, 3, 7, 13, 64, 1000, 65536, all.length};
        for (int size : sizes) {
            PassThrough through = new PassThrough();
            through.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TreeSet<Integer> found = new TreeSet<>();
            for (int off = 0; off < all.length; off += size) {
                int len = Math.min(size, all.length - off);
                int[] written = {out.size()};
                assertEquals(off + len, through.pass(all, off, len, out, boundary(() -> {
                    found.add(out.size());
                    return true;
                })), "passed whole in reads of " + size);
                assertEquals(written[0] + len, out.size());
            }
            assertArrayEquals(all, out.toByteArray(), "reads of " + size);
            assertEquals(expected, found, "the boundaries, in reads of " + size);
            ByteArrayOutputStream quiet = new ByteArrayOutputStream();
            PassThrough again = new PassThrough();
            again.start();
            again.pass(all, 0, all.length, quiet, new PassThrough.Boundary() {
                @Override
                public boolean quiet() {
                    return true;
                }

                @Override
                public boolean reached() {
                    throw new AssertionError("a quiet boundary is not reached");
                }
            });
            assertArrayEquals(all, quiet.toByteArray());
            assertTrue(through.atMessageBoundary());
        }
    }

    @Test
    void passingStopsAtTheFirstBoundaryThatSaysSoAndLeavesTheRestToTheCaller() throws Exception {
        byte[] all = frames();
        List<Integer> boundaries = new ArrayList<>(expected);
        int stopAt = boundaries.get(3);
        PassThrough through = new PassThrough();
        through.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int stop = through.pass(all, 0, all.length, out, boundary(() -> out.size() < stopAt));
        assertEquals(stopAt, stop);
        assertEquals(stopAt, out.size(), "nothing after the boundary written");
        assertFalse(through.on());
    }

    @Test
    void insideAFragmentedMessageIsNotABoundaryEvenBetweenFrames() throws Exception {
        byte[] first = FrameEncoder.text("frag").fin(false).encode();
        PassThrough through = new PassThrough();
        through.start();
        through.pass(first, 0, first.length, new ByteArrayOutputStream(), boundary(() -> true));
        assertFalse(through.atMessageBoundary(), "an injection must wait for the last fragment");
        through.pass(first, 0, 3, new ByteArrayOutputStream(), boundary(() -> true));
        assertFalse(through.atMessageBoundary());
    }
}
