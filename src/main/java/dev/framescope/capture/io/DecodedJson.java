package dev.framescope.capture.io;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.decode.DecodeFailure;
import dev.framescope.decode.DecodeInput;
import dev.framescope.decode.Decoded;
import dev.framescope.decode.DecoderRegistry;
import dev.framescope.wire.Opcode;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The {@code decoded} member of JSON Lines export lines: the payload through the decoder registry's detection
 * ({@code as}: the decoder id, {@code tree}, and {@code failure} with offset and reason when decoding stopped).
 * Messages always get it; frames only when they carry a whole message on their own (a FIN text or binary frame),
 * since a fragment alone rarely decodes. Not part of the session file: decoding is a view, the bytes are the record.
 */
final class DecodedJson {

    private static final DecoderRegistry REGISTRY = DecoderRegistry.standard();

    private DecodedJson() {
    }

    /** @param redact applied to the payload before decoding, so a decoded tree never shows what the bytes hide */
    static void add(ObjectNode line, CaptureEvent event, Optional<String> subprotocol, UnaryOperator<byte[]> redact) {
        Optional<DecodeInput> input = Optional.empty();
        if (event instanceof CaptureEvent.MessageEvent m && !m.message().truncated()) {
            input = Optional.of(new DecodeInput(redact.apply(m.message().payload()), m.message().isText(), subprotocol));
        } else if (event instanceof CaptureEvent.FrameEvent f && f.header().fin() && f.frame().isWhole()
                && (f.header().opcode() == Opcode.TEXT || f.header().opcode() == Opcode.BINARY)) {
            byte[] bytes = f.inflated().map(p -> p.bytes()).orElse(f.payload().bytes());
            input = Optional.of(new DecodeInput(redact.apply(bytes), f.header().opcode() == Opcode.TEXT, subprotocol));
        }
        input.ifPresent(in -> line.set("decoded", toJson(decode(in))));
    }

    /** The payload through detection, as {@link #add} decodes it. */
    static Decoded decode(DecodeInput input) {
        return REGISTRY.decode(input, Optional.empty());
    }

    static ObjectNode toJson(Decoded d) {
        ObjectNode node = line().objectNode();
        node.put("as", d.decoderId());
        d.summary().ifPresent(s -> node.put("summary", s));
        node.set("tree", d.tree());
        d.failure().ifPresent(f -> node.putObject("failure").put("offset", f.offset()).put("reason", f.reason()));
        return node;
    }

    /** {@link #toJson}'s object as the bytes of its {@code toString()}, written without building it. */
    static void write(Decoded d, JsonBytes out) {
        out.ascii("{\"as\":").text(d.decoderId());
        if (d.summary().isPresent()) {
            out.ascii(",\"summary\":").text(d.summary().get());
        }
        out.ascii(",\"tree\":").node(d.tree() == null ? NullNode.getInstance() : d.tree());
        if (d.failure().isPresent()) {
            DecodeFailure f = d.failure().get();
            out.ascii(",\"failure\":{\"offset\":").number(f.offset()).ascii(",\"reason\":").text(f.reason())
                    .ascii("}");
        }
        out.ascii("}");
    }

    private static JsonNodeFactory line() {
        return JsonNodeFactory.instance;
    }
}
