package dev.framescope.cli;

import dev.framescope.wire.Dissected;
import dev.framescope.wire.DecoderOptions;
import dev.framescope.wire.MessageAssembler;
import dev.framescope.wire.Finding;
import dev.framescope.wire.PlainFrames;
import dev.framescope.wire.Sender;
import dev.framescope.wire.StreamDissector;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code framescope dissect}: decode a byte stream written by one side of a WebSocket connection. */
@Command(name = "dissect",
        description = {"Decode the WebSocket frames of a byte stream sent by one side of a connection.",
                "Input: hex (spaces and 0x allowed), a raw file, or stdin with '-'.",
                "A stream that starts with an HTTP upgrade request or response has its handshake shown first."},
        mixinStandardHelpOptions = true)
final class DissectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", defaultValue = "server", paramLabel = "server|client",
            description = "Which side wrote the bytes (decides the masking rule). Default: ${DEFAULT-VALUE}.")
    String from;

    @Option(names = "--deflate", paramLabel = "EXTENSION",
            description = "The negotiated Sec-WebSocket-Extensions value, e.g. 'permessage-deflate; server_no_context_takeover'.")
    Optional<String> deflate;

    @Option(names = "--json", description = "One JSON object per frame and per completed message.")
    boolean json;

    @Option(names = "--file", paramLabel = "FILE", description = "Read raw bytes from FILE.")
    Optional<Path> file;

    @Option(names = "--max-inflated", paramLabel = "BYTES", defaultValue = "67108864",
            description = "Inflated bytes allowed per message. Default: ${DEFAULT-VALUE}.")
    long maxInflated;

    @Parameters(paramLabel = "HEX", arity = "0..*", description = "Bytes as hex, or '-' to read raw bytes from stdin.")
    List<String> hex = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Sender sender;
        InputStream source = InputStream.nullInputStream();
        byte[] input;
        try {
            sender = parseSender(from);
            source = openInput();
            input = source == null ? parseInput() : DissectInput.first(source, DissectInput.CHUNK);
        } catch (IOException | IllegalArgumentException e) {
            close(source);
            return CliErrors.badArguments(spec, InputFiles.problem(e));
        }
        try (InputStream rest = source == null ? InputStream.nullInputStream() : source) {
            DissectionPrinter printer = json ? new DissectionPrinter.Json(out) : new DissectionPrinter.Table(out);
            HandshakePrefix.Result prefix = HandshakePrefix.skip(input, printer);
            int start = prefix.framesStart();
            StreamDissector dissector = new StreamDissector(sender,
                    DecoderOptions.defaults().withStartOffset(start), MessageAssembler.DEFAULT_RETAINED_BYTES);
            Optional<String> problem = deflate.or(prefix::extensions)
                    .flatMap(d -> DeflateSetup.apply(d, sender, maxInflated, dissector));
            if (problem.isPresent()) {
                err.println("dissect: " + problem.get());
                return 2;
            }
            int chunk = source == null ? -1 : DissectInput.CHUNK;
            DissectInput.dissect(dissector, input, start, chunk, rest, printer);
            finish(dissector, printer);
        } catch (IOException e) {
            out.flush();
            err.println("dissect: " + InputFiles.problem(e));
            return 1;
        }
        out.flush();
        return 0;
    }

    private static void finish(StreamDissector dissector, DissectionPrinter printer) {
        List<Finding> end = dissector.endOfStream();
        end.forEach(printer::streamFinding);
        printer.summary(dissector.streamOffset());
    }

    /**
     * Runs of plain frames go to the printer as they lie in the input (no objects per frame); everything else
     * frame by frame through the dissector. The output is the same as printing every item of {@code feed}.
     */
    static void dissect(StreamDissector dissector, ByteBuffer in, DissectionPrinter printer) {
        PlainFrames run = new PlainFrames();
        List<Dissected> items = new ArrayList<>();
        while (in.hasRemaining()) {
            if (dissector.takePlainFrames(in, run) > 0) {
                printer.print(run);
                continue;
            }
            items.clear();
            if (!dissector.feedOne(in, items)) {
                return;
            }
            items.forEach(printer::print);
        }
    }

    static Sender parseSender(String from) {
        return switch (from.toLowerCase(java.util.Locale.ROOT)) {
            case "server" -> Sender.SERVER;
            case "client" -> Sender.CLIENT;
            default -> throw new IllegalArgumentException("--from must be 'server' or 'client', not '" + from + "'");
        };
    }

    /** The file or stdin to read in pieces ({@link DissectInput}); null when the bytes are given as hex. */
    private InputStream openInput() throws IOException {
        if (file.isPresent()) {
            if (!hex.isEmpty()) {
                throw new IllegalArgumentException("give either --file or hex bytes, not both");
            }
            return Files.newInputStream(file.get());
        }
        if (hex.size() == 1 && hex.get(0).equals("-")) {
            return System.in;
        }
        return null;
    }

    private byte[] parseInput() {
        if (hex.isEmpty()) {
            throw new IllegalArgumentException("no input: give hex bytes, --file FILE, or '-' for stdin");
        }
        return parseHex(String.join("", hex));
    }

    private static void close(InputStream source) {
        try {
            if (source != null) {
                source.close();
            }
        } catch (IOException e) {
            // Nothing was read from it that matters: the argument error is what is reported.
        }
    }

    static byte[] parseHex(String text) {
        String clean = text.replaceAll("0[xX]", "").replaceAll("[\\s:,]", "");
        if (clean.length() % 2 != 0) {
            throw new IllegalArgumentException("hex input has an odd number of digits (" + clean.length() + ")");
        }
        for (int i = 0; i < clean.length(); i++) {
            if (Character.digit(clean.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("not a hex digit at position " + i + ": '" + clean.charAt(i) + "'");
            }
        }
        return HexFormat.of().parseHex(clean);
    }
}
