package dev.framescope.decode;

import dev.framescope.decode.subprotocol.SubprotocolDecoders;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every decoder Framescope knows, and the choice among them: an explicit override by id, or else the decoder
 * with the highest {@link PayloadDecoder#detect} score (subprotocol decoders first on ties).
 */
public final class DecoderRegistry {

    private final List<PayloadDecoder> decoders;

    public DecoderRegistry(List<PayloadDecoder> decoders) {
        this.decoders = List.copyOf(decoders);
    }

    public static DecoderRegistry standard() {
        List<PayloadDecoder> all = new ArrayList<>(SubprotocolDecoders.all());
        all.addAll(FormatDecoders.all());
        return new DecoderRegistry(all);
    }

    public List<PayloadDecoder> decoders() {
        return decoders;
    }

    public Optional<PayloadDecoder> byId(String id) {
        return decoders.stream().filter(d -> d.id().equalsIgnoreCase(id)).findFirst();
    }

    /** The most confident decoder for this input, if any scores above zero. */
    public Optional<PayloadDecoder> detect(DecodeInput input) {
        return decoders.stream()
                .filter(d -> d.detect(input) > 0)
                .max(Comparator.comparingInt(d -> d.detect(input)));
    }
}
