package dev.framescope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.framescope.decode.DecodeInput;
import dev.framescope.decode.Decoded;
import dev.framescope.decode.DecoderRegistry;
import dev.framescope.decode.PayloadDecoder;
import dev.framescope.decode.ProtobufSchema;
import dev.framescope.decode.ProtobufTypedDecoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code framescope decode}: one payload through a decoder of the registry, printed as a JSON tree. */
@Command(name = "decode",
        description = {"Decode one payload and print the decoded tree as JSON.",
                "Malformed input prints the partial tree, says on stderr where decoding stopped and why, and exits 1."},
        mixinStandardHelpOptions = true)
final class DecodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--as", paramLabel = "FORMAT", defaultValue = DecoderRegistry.AUTO,
            description = "A decoder id (json, xml, text, hex, base64, msgpack, cbor, protobuf, and the subprotocol "
                    + "decoders such as socketio, stomp, mqtt, graphql, jsonrpc) or 'auto'. Default: ${DEFAULT-VALUE}.")
    String as;

    @Option(names = "--text", description = "Treat the payload as a text frame's (affects detection with --as auto).")
    boolean text;

    @Option(names = "--subprotocol", paramLabel = "NAME",
            description = "The negotiated Sec-WebSocket-Protocol, for subprotocol-aware detection.")
    Optional<String> subprotocol;

    @Option(names = "--descriptor", paramLabel = "FILE",
            description = "A protobuf descriptor set (protoc --include_imports --descriptor_set_out=FILE); with --type.")
    Optional<Path> descriptor;

    @Option(names = "--type", paramLabel = "NAME", description = "The message type in the descriptor set, e.g. pkg.Order.")
    Optional<String> type;

    @Option(names = "--file", paramLabel = "FILE", description = "Read the payload's raw bytes from FILE.")
    Optional<Path> file;

    @Parameters(paramLabel = "HEX", arity = "0..*", description = "The payload as hex (spaces and 0x allowed).")
    List<String> hex = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DecoderRegistry registry = DecoderRegistry.standard();
        byte[] payload;
        try {
            payload = readInput();
            registry = withSchema(registry);
        } catch (IOException | IllegalArgumentException e) {
            return CliErrors.badArguments(spec, InputFiles.problem(e));
        }
        Optional<String> override = chosenId(registry);
        if (override.isPresent() && registry.byId(override.get()).isEmpty()) {
            err.println("decode: unknown --as '" + as + "'; known: auto, " + registry.decoders().stream()
                    .map(PayloadDecoder::id).collect(Collectors.joining(", ")));
            return 2;
        }
        Decoded decoded = registry.decode(new DecodeInput(payload, text, subprotocol), override);
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(decoded.tree()));
        } catch (IOException e) {
            err.println("decode: cannot print the tree: " + e.getMessage());
            return 1;
        }
        out.flush();
        String summary = decoded.decoderId() + decoded.summary().map(s -> ": " + s).orElse("");
        if (decoded.failure().isPresent()) {
            err.println("decode: " + summary + " — stopped " + decoded.failure().get());
            return 1;
        }
        err.println("decode: " + summary);
        return 0;
    }

    /** {@code --as protobuf} with a descriptor means the typed decoder; {@code auto} means detection. */
    private Optional<String> chosenId(DecoderRegistry registry) {
        String id = as.toLowerCase(Locale.ROOT);
        if (id.equals(DecoderRegistry.AUTO)) {
            return Optional.empty();
        }
        if (id.equals("protobuf") && descriptor.isPresent()) {
            return Optional.of(ProtobufTypedDecoder.ID);
        }
        return Optional.of(id);
    }

    private DecoderRegistry withSchema(DecoderRegistry registry) throws IOException {
        if (descriptor.isPresent() != type.isPresent()) {
            throw new IllegalArgumentException("--descriptor and --type go together");
        }
        if (descriptor.isEmpty()) {
            return registry;
        }
        Path set = descriptor.get();
        return registry.withProtobufSchema(ProtobufSchema.load(set.getFileName().toString(),
                Files.readAllBytes(set), type.get()));
    }

    private byte[] readInput() throws IOException {
        if (file.isPresent()) {
            if (!hex.isEmpty()) {
                throw new IllegalArgumentException("give either --file or hex bytes, not both");
            }
            return Files.readAllBytes(file.get());
        }
        if (hex.isEmpty()) {
            throw new IllegalArgumentException("no input: give the payload as hex or --file FILE");
        }
        return DissectCommand.parseHex(String.join("", hex));
    }
}
