package dev.framescope.decode;

import java.util.List;

/** The built-in format decoders (JSON, XML, text, hex, base64, MessagePack, CBOR, Protocol Buffers). */
final class FormatDecoders {

    private FormatDecoders() {
    }

    static List<PayloadDecoder> all() {
        return List.of();
    }
}
