package dev.framescope.wire;

import static dev.framescope.wire.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FrameDecoderTest {

    private static List<Frame> decode(Sender sender, byte[] stream) {
        return Bytes.decode(new FrameDecoder(sender, DecoderOptions.defaults()), List.of(stream));
    }

    private static List<Violation> ids(List<Frame> frames) {
        return frames.stream().flatMap(f -> f.findings().stream()).map(Finding::violation).toList();
    }

    // RFC 6455 §5.7 examples, byte for byte.

    @Test
    void rfc6455SingleFrameUnmaskedText() {
        List<Frame> frames = decode(Sender.SERVER, hex("810548656c6c6f"));
        assertEquals(1, frames.size());
        FrameHeader h = frames.get(0).header();
        assertTrue(h.fin());
        assertEquals(Opcode.TEXT, h.opcode());
        assertFalse(h.masked());
        assertEquals(5, h.payloadLength());
        assertEquals(LengthEncoding.SEVEN_BIT, h.lengthEncoding());
        assertEquals("Hello", new String(frames.get(0).payload(), StandardCharsets.UTF_8));
        assertEquals(List.of(), ids(frames));
        assertEquals("810548656c6c6f", hex(FrameEncoder.text("Hello").encode()));
    }

    @Test
    void rfc6455SingleFrameMaskedText() {
        List<Frame> frames = decode(Sender.CLIENT, hex("818537fa213d7f9f4d5158"));
        FrameHeader h = frames.get(0).header();
        assertTrue(h.masked());
        assertEquals(0x37fa213d, h.maskingKey());
        assertEquals("37fa213d", h.maskingKeyHex().orElseThrow());
        assertEquals("Hello", new String(frames.get(0).payload(), StandardCharsets.UTF_8));
        assertEquals(List.of(), ids(frames));
        assertEquals("818537fa213d7f9f4d5158", hex(FrameEncoder.text("Hello").masked(0x37fa213d).encode()));
    }

    @Test
    void rfc6455FragmentedUnmaskedText() {
        List<Frame> frames = decode(Sender.SERVER, hex("010348656c 80026c6f"));
        assertEquals(2, frames.size());
        assertFalse(frames.get(0).header().fin());
        assertEquals(Opcode.TEXT, frames.get(0).header().opcode());
        assertTrue(frames.get(1).header().fin());
        assertEquals(Opcode.CONTINUATION, frames.get(1).header().opcode());
        assertEquals(5, frames.get(1).header().streamOffset());
        assertEquals("Hel", new String(frames.get(0).payload(), StandardCharsets.UTF_8));
        assertEquals("lo", new String(frames.get(1).payload(), StandardCharsets.UTF_8));
        assertEquals("010348656c", hex(FrameEncoder.text("Hel").fin(false).encode()));
        assertEquals("80026c6f", hex(FrameEncoder.frame(Opcode.CONTINUATION).payload(hex("6c6f")).encode()));
    }

    @Test
    void rfc6455UnmaskedPingAndMaskedPong() {
        List<Frame> ping = decode(Sender.SERVER, hex("890548656c6c6f"));
        assertEquals(Opcode.PING, ping.get(0).header().opcode());
        assertEquals("Hello", new String(ping.get(0).payload(), StandardCharsets.UTF_8));
        List<Frame> pong = decode(Sender.CLIENT, hex("8a8537fa213d7f9f4d5158"));
        assertEquals(Opcode.PONG, pong.get(0).header().opcode());
        assertEquals("Hello", new String(pong.get(0).payload(), StandardCharsets.UTF_8));
        assertEquals("890548656c6c6f", hex(FrameEncoder.ping(hex("48656c6c6f")).encode()));
        assertEquals("8a8537fa213d7f9f4d5158", hex(FrameEncoder.pong(hex("48656c6c6f")).masked(0x37fa213d).encode()));
    }

    @Test
    void rfc6455BinaryWith16And64BitLengths() {
        byte[] small = new byte[256];
        Arrays.fill(small, (byte) 7);
        byte[] wire256 = Bytes.concat(hex("827E0100"), small);
        Frame f256 = decode(Sender.SERVER, wire256).get(0);
        assertEquals(LengthEncoding.EXTENDED_16, f256.header().lengthEncoding());
        assertEquals(256, f256.header().payloadLength());
        assertArrayEquals(small, f256.payload());
        assertArrayEquals(wire256, FrameEncoder.binary(small).encode());

        byte[] big = new byte[65536];
        Arrays.fill(big, (byte) 9);
        byte[] wire64k = Bytes.concat(hex("827F0000000000010000"), big);
        Frame f64k = decode(Sender.SERVER, wire64k).get(0);
        assertEquals(LengthEncoding.EXTENDED_64, f64k.header().lengthEncoding());
        assertEquals(65536, f64k.header().payloadLength());
        assertEquals(10, f64k.header().headerSize());
        assertArrayEquals(big, f64k.payload());
        assertEquals(List.of(), ids(List.of(f256, f64k)));
        assertArrayEquals(wire64k, FrameEncoder.binary(big).encode());
    }

    // One fixture per frame-level rule, and a legal look-alike.

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of(Violation.MASKED_SERVER_FRAME, Sender.SERVER, "818537fa213d7f9f4d5158", "810548656c6c6f"),
                Arguments.of(Violation.UNMASKED_CLIENT_FRAME, Sender.CLIENT, "810548656c6c6f", "818537fa213d7f9f4d5158"),
                Arguments.of(Violation.RESERVED_BITS, Sender.SERVER, "a10548656c6c6f", "810548656c6c6f"),
                Arguments.of(Violation.RESERVED_BITS, Sender.SERVER, "c10548656c6c6f", "810548656c6c6f"),
                Arguments.of(Violation.RESERVED_OPCODE, Sender.SERVER, "830548656c6c6f", "820548656c6c6f"),
                Arguments.of(Violation.RESERVED_OPCODE, Sender.SERVER, "8b00", "8a00"),
                Arguments.of(Violation.CONTROL_FRAME_TOO_LONG, Sender.SERVER, "897e007e" + "00".repeat(126),
                        "897d" + "00".repeat(125)),
                Arguments.of(Violation.FRAGMENTED_CONTROL_FRAME, Sender.SERVER, "0900", "8900"),
                Arguments.of(Violation.NON_MINIMAL_LENGTH, Sender.SERVER, "827e0005" + "0102030405",
                        "82050102030405"),
                Arguments.of(Violation.NON_MINIMAL_LENGTH, Sender.SERVER, "827f000000000000007e" + "00".repeat(126),
                        "827e007e" + "00".repeat(126)),
                Arguments.of(Violation.LENGTH_MSB_SET, Sender.SERVER, "827f8000000000000001ff",
                        "827f0000000000010000" + "00".repeat(65536)),
                Arguments.of(Violation.CLOSE_PAYLOAD_ONE_BYTE, Sender.SERVER, "880103", "880203e8"),
                Arguments.of(Violation.INVALID_CLOSE_CODE, Sender.SERVER, "880203ed", "880203e8"),
                Arguments.of(Violation.INVALID_CLOSE_CODE, Sender.SERVER, "88020bb7", "88020bb8"),
                Arguments.of(Violation.INVALID_CLOSE_CODE, Sender.SERVER, "880203ec", "880203f3"),
                Arguments.of(Violation.INVALID_CLOSE_REASON_UTF8, Sender.SERVER, "880403e8c328", "880403e8c3a9"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("violations")
    void eachRuleHasAFixtureAndALegalLookAlike(Violation rule, Sender sender, String breaking, String legal) {
        assertTrue(ids(decode(sender, hex(breaking))).contains(rule), rule + " not reported for " + breaking);
        assertEquals(List.of(), ids(decode(sender, hex(legal))), "legal look-alike flagged: " + legal);
    }

    @Test
    void rsv1IsLegalOnlyOnFirstDataFramesOnceDeflateIsNegotiated() {
        FrameDecoder decoder = new FrameDecoder(Sender.SERVER, DecoderOptions.defaults());
        decoder.setAllowedRsvBits(FrameHeader.B0_FLAG_RSV1);
        List<Frame> frames = Bytes.decode(decoder, List.of(hex("4103f248cd" + "c004c9c90700" + "c900" + "c100")));
        assertEquals(List.of(), frames.get(0).findings());
        assertEquals(List.of(Violation.RSV1_ON_CONTINUATION), ids(List.of(frames.get(1))));
        assertEquals(List.of(Violation.RSV1_ON_CONTROL_FRAME), ids(List.of(frames.get(2))));
        assertEquals(List.of(), frames.get(3).findings());
    }

    @Test
    void findingsNameTheByteOffsetOfTheirFrame() {
        List<Frame> frames = decode(Sender.SERVER, hex("810548656c6c6f 830548656c6c6f"));
        Finding f = frames.get(1).findings().get(0);
        assertEquals(7, f.streamOffset());
        assertEquals("RFC6455-5.2 RESERVED_OPCODE at byte 7: " + Violation.RESERVED_OPCODE.message() + " (opcode 0x3)",
                f.describe());
    }

    @Test
    void aLengthWithItsTopBitSetDesynchronizesOnceAndKeepsWhatFollowsRaw() {
        FrameDecoder decoder = new FrameDecoder(Sender.SERVER, DecoderOptions.defaults());
        byte[] stream = hex("810548656c6c6f 827fffffffffffffffff 810548656c6c6f");
        List<Frame> frames = Bytes.decode(decoder, List.of(stream));
        assertEquals(List.of(Violation.LENGTH_MSB_SET, Violation.DESYNCHRONIZED), ids(frames));
        assertEquals(0, frames.get(1).payload().length);
        Finding desync = frames.get(1).findings().get(1);
        assertEquals(17, desync.streamOffset(), "DESYNCHRONIZED at the first byte that cannot be framed");
        byte[] raw = frames.stream().skip(2).map(Frame::payload).reduce(new byte[0], (a, b) -> {
            byte[] ab = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, ab, a.length, b.length);
            return ab;
        });
        assertEquals("810548656c6c6f", java.util.HexFormat.of().formatHex(raw), "the bytes after it, raw");
        assertTrue(frames.stream().skip(2).noneMatch(Frame::lastChunk));
        assertTrue(frames.stream().skip(2).allMatch(f -> f.findings().isEmpty()), "said once");
        assertTrue(decoder.desynchronized());
        assertEquals(7, decoder.trustedUntil());
        assertEquals(stream.length, decoder.streamOffset());
    }

    @Test
    void aHugeClaimedLengthAllocatesOnlyOneChunk() {
        FrameDecoder decoder = new FrameDecoder(Sender.SERVER, DecoderOptions.defaults().withMaxChunkBytes(4096));
        List<Frame> frames = Bytes.decode(decoder, List.of(hex("827f4000000000000000"), new byte[10_000]));
        assertEquals(2, frames.size());
        assertEquals(4096, frames.get(0).payload().length);
        assertEquals(4096, frames.get(1).chunkOffset());
        assertFalse(frames.get(1).lastChunk());
        List<Finding> end = decoder.endOfStream();
        assertEquals(Violation.TRUNCATED_FRAME, end.get(0).violation());
        assertTrue(end.get(0).detail().contains("10000 of 4611686018427387904"), end.get(0).detail());
    }

    @Test
    void truncatedHeaderIsReportedAtEndOfStream() {
        FrameDecoder decoder = new FrameDecoder(Sender.SERVER, DecoderOptions.defaults());
        Bytes.decode(decoder, List.of(hex("810548656c6c6f 827e00")));
        List<Finding> end = decoder.endOfStream();
        assertEquals(1, end.size());
        assertEquals(7, end.get(0).streamOffset());
        assertEquals("stream ended after 3 of 4 header bytes", end.get(0).detail());
    }

    @Test
    void largeMaskedPayloadArrivesInChunksUnmaskedAcrossBoundaries() {
        byte[] payload = new byte[3 * 1024 * 1024 + 5];
        new java.util.Random(1).nextBytes(payload);
        byte[] wire = FrameEncoder.binary(payload).masked(0x01020304).encode();
        FrameDecoder decoder = new FrameDecoder(Sender.CLIENT, DecoderOptions.defaults().withMaxChunkBytes(1_000_003));
        List<Frame> chunks = Bytes.decode(decoder, List.of(wire));
        assertEquals(4, chunks.size());
        ByteBuffer joined = ByteBuffer.allocate(payload.length);
        chunks.forEach(c -> joined.put(c.payload()));
        assertArrayEquals(payload, joined.array());
        assertTrue(chunks.get(3).lastChunk());
        assertEquals(3_000_009, chunks.get(3).chunkOffset());
    }

    @Test
    void everySplitGivesTheSameFramesAndFindings() {
        String stream = "818537fa213d7f9f4d5158 0900 897e007e" + "00".repeat(126) + " 880403e8c328 a10548656c6c6f"
                + " 827e0005" + "0102030405 010348656c 80026c6f 880103";
        byte[] bytes = hex(stream);
        List<String> whole = Bytes.decode(new FrameDecoder(Sender.SERVER, DecoderOptions.defaults()), List.of(bytes))
                .stream().map(Bytes::describe).toList();
        assertEquals(9, whole.size());
        for (long seed = -1; seed < 50; seed++) {
            List<String> split = Bytes.decode(new FrameDecoder(Sender.SERVER, DecoderOptions.defaults()),
                    Bytes.split(bytes, seed)).stream().map(Bytes::describe).toList();
            assertEquals(whole, split, "split seed " + seed);
        }
    }

    @Test
    void encoderWritesIllegalHeadersOnRequest() {
        byte[] wire = FrameEncoder.frame(Opcode.PING).fin(false).rsv2(true).opcode(0xB)
                .lengthEncoding(LengthEncoding.EXTENDED_64).payload(hex("01")).encode();
        assertEquals("2b7f000000000000000101", hex(wire));
    }
}
