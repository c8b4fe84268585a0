package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.LengthEncoding;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import dev.framescope.wire.StreamDissector;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On the standard output, {@link CharLines} writes its bytes to the stream under the {@link StdoutWriter}, in
 * between what the writer itself prints: the bytes must be those picocli's own writer (a {@link PrintWriter} over
 * an {@link OutputStreamWriter} in the same charset) would have written, in the same order.
 */
class StdoutWriterTest {

    static Stream<Arguments> cases() {
        return Stream.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, StandardCharsets.US_ASCII)
                .flatMap(cs -> DissectPlainPathTest.streams().filter(a -> !(Boolean) a.get()[2])
                        .map(a -> Arguments.of(cs, a.get()[0], a.get()[1], a.get()[3])));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void dissectTableIsWhatPicocliWouldWrite(Charset charset, String name, Sender sender, byte[] stream) {
        assertSameBytes(charset, out -> {
            DissectionPrinter printer = new DissectionPrinter.Table(out);
            StreamDissector dissector = new StreamDissector(sender);
            DissectCommand.dissect(dissector, ByteBuffer.wrap(stream), printer);
            printer.summary(dissector.streamOffset());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charsets")
    void inspectLinesAreWhatPicocliWouldWrite(Charset charset) {
        byte[] text = "é€ a \"quoted\" line that is long enough to be cut short…".getBytes(StandardCharsets.UTF_8);
        assertSameBytes(charset, out -> {
            CharLines lines = new CharLines(out);
            for (int i = 0; i < 3; i++) {
                out.println("a line of the writer's own, ←");
                InspectCommand.plainLine(lines, 1_234_567_890L * i, header(Opcode.TEXT, 5), "Hello".getBytes());
                InspectCommand.plainLine(lines, 500_000L, header(Opcode.TEXT, text.length), text);
                InspectCommand.plainLine(lines, 7L, header(Opcode.BINARY, text.length), text);
                lines.flush();
            }
        });
    }

    static Stream<Charset> charsets() {
        return Stream.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, StandardCharsets.US_ASCII);
    }

    private static FrameHeader header(Opcode opcode, int length) {
        return new FrameHeader(true, false, false, false, opcode, false, 0, length, LengthEncoding.minimalFor(length),
                0);
    }

    private static void assertSameBytes(Charset charset, Consumer<PrintWriter> print) {
        ByteArrayOutputStream picocli = new ByteArrayOutputStream();
        PrintWriter reference = new PrintWriter(new BufferedWriter(new OutputStreamWriter(picocli, charset)), true);
        print.accept(reference);
        reference.flush();

        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        StdoutWriter stdout = new StdoutWriter(new PrintStream(ours, true), charset);
        print.accept(stdout);
        stdout.flush();

        assertTrue(picocli.size() > 100, "the reference printed something");
        assertArrayEquals(picocli.toByteArray(), ours.toByteArray());
    }
}
