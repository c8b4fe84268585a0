package dev.framescope.decode;

import dev.framescope.decode.subprotocol.SubprotocolDecoders;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every decoder Framescope knows, and the choice among them: an explicit override by id, or else the decoder
 * with the highest {@link PayloadDecoder#detect} score (subprotocol decoders first on ties). The detection order of
 * the format decoders is documented on {@link FormatDecoders}.
 */
public final class DecoderRegistry {

    /** The id meaning "let detection choose" in menus, on the command line and in per-connection overrides. */
    public static final String AUTO = "auto";

    private final List<PayloadDecoder> decoders;

    public DecoderRegistry(List<PayloadDecoder> decoders) {
        this.decoders = List.copyOf(decoders);
    }

    public static DecoderRegistry standard() {
        List<PayloadDecoder> all = new ArrayList<>(SubprotocolDecoders.all());
        all.addAll(FormatDecoders.all());
        return new DecoderRegistry(all);
    }

    /**
     * This registry plus typed protobuf decoding as {@code schema} (id {@link ProtobufTypedDecoder#ID}), replacing an
     * earlier schema. It goes before the format decoders, so it wins ties against them.
     */
    public DecoderRegistry withProtobufSchema(ProtobufSchema schema) {
        List<PayloadDecoder> all = new ArrayList<>(decoders);
        all.removeIf(d -> d.id().equals(ProtobufTypedDecoder.ID));
        int firstFormat = 0;
        while (firstFormat < all.size() && !(all.get(firstFormat) instanceof JsonDecoder)) {
            firstFormat++;
        }
        all.add(firstFormat == all.size() ? 0 : firstFormat, new ProtobufTypedDecoder(schema));
        return new DecoderRegistry(all);
    }

    public List<PayloadDecoder> decoders() {
        return decoders;
    }

    public Optional<PayloadDecoder> byId(String id) {
        return decoders.stream().filter(d -> d.id().equalsIgnoreCase(id)).findFirst();
    }

    /** The most confident decoder for this input, if any scores above zero (each decoder asked once). */
    public Optional<PayloadDecoder> detect(DecodeInput input) {
        PayloadDecoder best = null;
        int bestScore = 0;
        for (PayloadDecoder d : decoders) {
            int score = safeDetect(d, input);
            if (score > bestScore) {
                best = d;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Decodes with the decoder named by {@code overrideId} ({@link #AUTO}, empty or an unknown id: detection), and
     * falls back to text for text frames or the hex dump for binary ones when no decoder recognises the bytes.
     * Never throws: a decoder that does is reported as a failure at byte 0.
     */
    public Decoded decode(DecodeInput input, Optional<String> overrideId) {
        Optional<PayloadDecoder> chosen = overrideId.filter(id -> !id.equalsIgnoreCase(AUTO)).flatMap(this::byId)
                .or(() -> detect(input))
                .or(() -> byId(input.text() ? TextDecoder.ID : HexDecoder.ID));
        if (chosen.isEmpty()) {
            return new Decoded("none", com.fasterxml.jackson.databind.node.NullNode.getInstance(), Optional.empty(),
                    Optional.of(new DecodeFailure(0, "no decoder recognises this payload")));
        }
        return safeDecode(chosen.get(), input);
    }

    private static int safeDetect(PayloadDecoder d, DecodeInput input) {
        try {
            return Math.max(0, Math.min(100, d.detect(input)));
        } catch (RuntimeException | StackOverflowError e) {
            return 0;
        }
    }

    private static Decoded safeDecode(PayloadDecoder d, DecodeInput input) {
        try {
            return d.decode(input);
        } catch (RuntimeException | StackOverflowError e) {
            return new Decoded(d.id(), com.fasterxml.jackson.databind.node.NullNode.getInstance(), Optional.empty(),
                    Optional.of(new DecodeFailure(0, "decoder " + d.id() + " failed: " + e)));
        }
    }
}
