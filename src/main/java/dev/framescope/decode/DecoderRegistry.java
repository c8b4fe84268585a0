package dev.framescope.decode;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.framescope.decode.subprotocol.SubprotocolDecoders;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every decoder Framescope knows, and the choice among them: an explicit override by id, or else the decoder
 * with the highest {@link PayloadDecoder#detect} score (subprotocol decoders first on ties). The detection order of
 * the format decoders is documented on {@link FormatDecoders}.
 */
public final class DecoderRegistry {

    /** The id meaning "let detection choose" in menus, on the command line and in per-connection overrides. */
    public static final String AUTO = "auto";

    /** A protocol decoder that scores at least this has recognised its protocol in the payload. */
    static final int RECOGNISED = 50;

    private final List<PayloadDecoder> decoders;
    /** Ids of decoders for protocols carried inside a format (JSON-RPC in JSON, STOMP in text). */
    private final Set<String> protocols;

    public DecoderRegistry(List<PayloadDecoder> decoders) {
        this(decoders, Set.of());
    }

    /**
     * @param protocols ids of decoders for protocols carried inside a format: when one recognises the payload
     *                  (score {@value #RECOGNISED} or more) it beats every format decoder, since a JSON-RPC call is
     *                  also valid JSON but says more as JSON-RPC
     */
    public DecoderRegistry(List<PayloadDecoder> decoders, Set<String> protocols) {
        this.decoders = List.copyOf(decoders);
        this.protocols = Set.copyOf(protocols);
    }

    public static DecoderRegistry standard() {
        List<PayloadDecoder> all = new ArrayList<>(SubprotocolDecoders.all());
        Set<String> protocols = all.stream().map(PayloadDecoder::id).collect(Collectors.toSet());
        all.addAll(FormatDecoders.all());
        return new DecoderRegistry(all, protocols);
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
        return new DecoderRegistry(all, protocols);
    }

    public List<PayloadDecoder> decoders() {
        return decoders;
    }

    public Optional<PayloadDecoder> byId(String id) {
        return decoders.stream().filter(d -> d.id().equalsIgnoreCase(id)).findFirst();
    }

    /**
     * The most confident decoder for this input, if any scores above zero (each decoder asked once); a protocol
     * decoder that recognises the payload comes before any format decoder.
     */
    public Optional<PayloadDecoder> detect(DecodeInput input) {
        return best(input).map(Choice::decoder);
    }

    /**
     * Decodes with the decoder named by {@code overrideId} ({@link #AUTO}, empty or an unknown id: detection), and
     * falls back to text for text frames or the hex dump for binary ones when no decoder recognises the bytes.
     * Never throws: a decoder that does is reported as a failure at byte 0.
     */
    public Decoded decode(DecodeInput input, Optional<String> overrideId) {
        Optional<PayloadDecoder> override = overrideId.filter(id -> !id.equalsIgnoreCase(AUTO)).flatMap(this::byId);
        if (override.isPresent()) {
            return safeDecode(override.get(), input);
        }
        Optional<Choice> detected = best(input);
        if (detected.isPresent()) {
            Choice c = detected.get();
            return c.detection().decoded().orElseGet(() -> safeDecode(c.decoder(), input));
        }
        Optional<PayloadDecoder> fallback = byId(input.text() ? TextDecoder.ID : HexDecoder.ID);
        if (fallback.isEmpty()) {
            return new Decoded("none", NullNode.getInstance(), Optional.empty(),
                    Optional.of(new DecodeFailure(0, "no decoder recognises this payload")));
        }
        return safeDecode(fallback.get(), input);
    }

    /** The winning decoder and its detection (with the decoded payload when detection decoded it). */
    private record Choice(PayloadDecoder decoder, Detection detection) {
    }

    private Optional<Choice> best(DecodeInput input) {
        Choice best = null;
        int bestScore = 0;
        for (PayloadDecoder d : decoders) {
            Detection detection = safeDetect(d, input);
            int score = detection.score();
            if (score >= RECOGNISED && protocols.contains(d.id())) {
                score += 100;
            }
            if (score > bestScore) {
                best = new Choice(d, detection);
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Detection safeDetect(PayloadDecoder d, DecodeInput input) {
        try {
            Detection detection = d.detection(input);
            int score = Math.max(0, Math.min(100, detection.score()));
            return score == detection.score() ? detection : new Detection(score, detection.decoded());
        } catch (RuntimeException | StackOverflowError e) {
            return Detection.of(0);
        }
    }

    private static Decoded safeDecode(PayloadDecoder d, DecodeInput input) {
        try {
            return d.decode(input);
        } catch (RuntimeException | StackOverflowError e) {
            return new Decoded(d.id(), NullNode.getInstance(), Optional.empty(),
                    Optional.of(new DecodeFailure(0, "decoder " + d.id() + " failed: " + e)));
        }
    }
}
