package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.wire.DecoderOptions;
import dev.framescope.wire.MessageAssembler;
import dev.framescope.wire.Sender;
import dev.framescope.wire.StreamDissector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code dissect} reads a file or stdin in pieces ({@link DissectInput}); what it prints must be what dissecting
 * the whole input at once prints, wherever the pieces end: inside a header, inside a payload, inside the HTTP head.
 */
class DissectInputTest {

    private static final String RESPONSE = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n";
    private static final String REFUSED = "HTTP/1.1 403 Forbidden\r\nContent-Length: 5\r\n\r\nnope!";
    private static final String REQUEST = "GET /chat HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n";
    private static final int[] CHUNKS = {1, 3, 64, 1000, 70_000};

    static Stream<Arguments> inputs() {
        List<Arguments> all = new ArrayList<>();
        DissectPlainPathTest.streams().forEach(a -> {
            Object[] args = a.get();
            if (!(Boolean) args[2]) {
                byte[] frames = (byte[]) args[3];
                all.add(Arguments.of(args[0], args[1], frames));
                all.add(Arguments.of(args[0] + ", after a 101", args[1], concat(RESPONSE, frames)));
            }
        });
        byte[] some = (byte[]) DissectPlainPathTest.streams().findFirst().orElseThrow().get()[3];
        all.add(Arguments.of("after a request", Sender.CLIENT, concat(REQUEST, some)));
        all.add(Arguments.of("a refused upgrade and its body", Sender.SERVER, concat(REFUSED, some)));
        all.add(Arguments.of("an HTTP head cut short", Sender.SERVER,
                RESPONSE.substring(0, 40).getBytes(StandardCharsets.ISO_8859_1)));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void tableIsTheWholeInputsTable(String name, Sender sender, byte[] input) throws IOException {
        assertPiecesPrintTheSame(sender, input, DissectionPrinter.Table::new);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void jsonIsTheWholeInputsJson(String name, Sender sender, byte[] input) throws IOException {
        assertPiecesPrintTheSame(sender, input, DissectionPrinter.Json::new);
    }

    private static void assertPiecesPrintTheSame(Sender sender, byte[] input,
                                                 Function<PrintWriter, DissectionPrinter> printer)
            throws IOException {
        String whole = print(sender, input, input.length + 1, printer);
        assertTrue(whole.length() > 100, "the reference printed something");
        for (int chunk : CHUNKS) {
            assertEquals(whole, print(sender, input, chunk, printer), "read " + chunk + " bytes at a time");
        }
    }

    /** What {@code dissect} prints for {@code input} read from a stream {@code chunk} bytes at a time. */
    private static String print(Sender sender, byte[] input, int chunk,
                                Function<PrintWriter, DissectionPrinter> printer) throws IOException {
        StringWriter text = new StringWriter();
        DissectionPrinter p = printer.apply(new PrintWriter(text));
        ByteArrayInputStream source = new ByteArrayInputStream(input);
        byte[] first = DissectInput.first(source, chunk);
        int start = HandshakePrefix.skip(first, p).framesStart();
        StreamDissector dissector = new StreamDissector(sender, DecoderOptions.defaults().withStartOffset(start),
                MessageAssembler.DEFAULT_RETAINED_BYTES);
        if (chunk > input.length) {
            DissectCommand.dissect(dissector, ByteBuffer.wrap(first, start, first.length - start), p);
        } else {
            DissectInput.dissect(dissector, first, start, chunk, source, p);
        }
        dissector.endOfStream().forEach(p::streamFinding);
        p.summary(dissector.streamOffset());
        p.out.flush();
        return text.toString();
    }

    private static byte[] concat(String head, byte[] frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(frames);
        return out.toByteArray();
    }
}
