package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.wire.Dissected;
import dev.framescope.wire.Sender;
import dev.framescope.wire.StreamDissector;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code dissect} prints runs of plain frames without building objects per frame; its output must be the very
 * text that printing every item of {@link StreamDissector#feed} gives, for JSON Lines and for the table.
 */
class DissectPlainPathTest {

    /** Every character a JSON string may need to escape, and multi-byte UTF-8 of 2, 3 and 4 bytes. */
    private static final String AWKWARD = IntStreamChars.upTo(0x80) + "é€😀\u2028\u00a0 \"\\/";

    static Stream<Arguments> streams() {
        return Stream.of(
                Arguments.of("texts, escapes and lengths", Sender.SERVER, false, mixed()),
                Arguments.of("plain frames around every kind of non-plain frame", Sender.SERVER, false,
                        withInterruptions()),
                Arguments.of("deflate negotiated: compressed and uncompressed messages", Sender.SERVER, true,
                        concat(hex("c107f248cdc9c90700"), text("Hello"), hex("c107f248cdc9c90700"), binary(300))),
                Arguments.of("a truncated frame at the end", Sender.SERVER, false,
                        concat(text("ab"), Arrays.head(binary(70_000), 1000))),
                Arguments.of("client frames take the general path", Sender.CLIENT, false,
                        hex("818537fa213d7f9f4d5158 810548656c6c6f")));
    }

    @ParameterizedTest(name = "{0}: JSON")
    @MethodSource("streams")
    void jsonLinesAreUnchanged(String name, Sender sender, boolean deflate, byte[] stream) {
        assertSame(sender, deflate, stream, DissectionPrinter.Json::new);
    }

    @ParameterizedTest(name = "{0}: table")
    @MethodSource("streams")
    void tableIsUnchanged(String name, Sender sender, boolean deflate, byte[] stream) {
        assertSame(sender, deflate, stream, DissectionPrinter.Table::new);
    }

    private static void assertSame(Sender sender, boolean deflate, byte[] stream,
                                   Function<PrintWriter, DissectionPrinter> printer) {
        StringWriter before = new StringWriter();
        DissectionPrinter reference = printer.apply(new PrintWriter(before));
        StreamDissector all = dissector(sender, deflate);
        for (Dissected item : all.feed(stream)) {
            reference.print(item);
        }
        all.endOfStream().forEach(reference::streamFinding);
        reference.summary(all.streamOffset());
        reference.out.flush();

        StringWriter after = new StringWriter();
        DissectionPrinter fast = printer.apply(new PrintWriter(after));
        StreamDissector plain = dissector(sender, deflate);
        DissectCommand.dissect(plain, ByteBuffer.wrap(stream), fast);
        plain.endOfStream().forEach(fast::streamFinding);
        fast.summary(plain.streamOffset());
        fast.out.flush();

        assertTrue(before.toString().length() > 100, "the reference printed something");
        assertEquals(before.toString(), after.toString());
    }

    private static StreamDissector dissector(Sender sender, boolean deflate) {
        StreamDissector d = new StreamDissector(sender);
        if (deflate) {
            d.enableDeflate(15, true, 1 << 20);
        }
        return d;
    }

    private static byte[] mixed() {
        return concat(text(""), text("Hello"), text(AWKWARD), text("a\"b\\c\nd\te\u0001f\u001f"), binary(0),
                binary(16), text("x".repeat(125)), text("y".repeat(126)), binary(65_535), binary(65_536),
                text("é".repeat(40_000)), binary(200), text("a".repeat(47) + "é"), text("a".repeat(48) + "é"),
                text("a".repeat(48)), text("a".repeat(49)), text("\u007f\u0080\u009f"), binary(15), binary(17));
    }

    private static byte[] withInterruptions() {
        return concat(text("one"), hex("8900"), text("two"), hex("010348656c 8a00 80026c6f"), binary(20),
                hex("817e000548656c6c6f"), text("three"), hex("8102c328"), text("four"), hex("910548656c6c6f"),
                hex("870548656c6c6f"), text("five"), hex("880203e8"), text("after close"));
    }

    private static byte[] text(String s) {
        return frame(0x81, s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] binary(int length) {
        byte[] payload = new byte[length];
        new Random(length).nextBytes(payload);
        return frame(0x82, payload);
    }

    private static byte[] frame(int b0, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b0);
        int n = payload.length;
        if (n <= 125) {
            out.write(n);
        } else if (n <= 0xFFFF) {
            out.write(126);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) n >>> shift));
            }
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static final class Arrays {
        static byte[] head(byte[] bytes, int n) {
            return java.util.Arrays.copyOf(bytes, n);
        }
    }

    private static final class IntStreamChars {
        static String upTo(int end) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < end; c++) {
                sb.append((char) c);
            }
            return sb.toString();
        }
    }
}
