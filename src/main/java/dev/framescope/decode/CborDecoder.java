package dev.framescope.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;

/**
 * CBOR (RFC 8949) through Jackson's CBOR parser, walked token by token so a damaged item keeps what came before it.
 * Byte strings show as binary; tags 2/3 (bignums) become numbers; other tags are dropped and the tagged value
 * shown. The parser reads claimed lengths in chunks from the bytes at hand, so a header claiming 4 GiB fails at the
 * end of the input instead of allocating.
 */
final class CborDecoder implements PayloadDecoder {

    static final String ID = "cbor";

    private static final CBORFactory FACTORY = CBORFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Trees.MAX_DEPTH + 1).build())
            .build();

    /** Tag 55799, "self-described CBOR" (RFC 8949 §3.4.6): the payload says it is CBOR. */
    private static final byte[] SELF_DESCRIBE = {(byte) 0xd9, (byte) 0xd9, (byte) 0xf7};

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "CBOR";
    }

    /**
     * Binary frames only. The self-describe tag and a full parse: 95. One data item using every byte: a map 70
     * (non-empty) or 60, an array 60, a lone scalar 15. Otherwise 0.
     */
    @Override
    public int detect(DecodeInput input) {
        return detection(input).score();
    }

    @Override
    public Detection detection(DecodeInput input) {
        byte[] b = input.bytes();
        if (input.text() || b.length == 0 || QuickReject.notCbor(b)) {
            return Detection.of(0);
        }
        Decoded d = decode(input);
        if (!d.complete()) {
            return Detection.of(0);
        }
        boolean selfDescribed = b.length > 3 && b[0] == SELF_DESCRIBE[0] && b[1] == SELF_DESCRIBE[1]
                && b[2] == SELF_DESCRIBE[2];
        return Detection.of(selfDescribed ? 95 : MsgpackDecoder.containerScore(d.tree()), d);
    }

    @Override
    public Decoded decode(DecodeInput input) {
        byte[] b = input.bytes();
        try (JsonParser parser = FACTORY.createParser(b)) {
            TokenTreeReader.Result r = TokenTreeReader.read(parser, b.length);
            return r.failure().map(f -> Trees.stopped(ID, r.tree(), "incomplete", f))
                    .orElseGet(() -> Trees.ok(ID, r.tree(), JsonDecoder.describe(r.tree())));
        } catch (IOException e) {
            return Trees.stopped(ID, Trees.NODES.nullNode(), "CBOR", new DecodeFailure(0, e.getMessage()));
        }
    }
}
