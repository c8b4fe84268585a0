package dev.framescope.decode;

import java.util.List;

/**
 * The built-in format decoders (JSON, XML, text, hex, base64, MessagePack, CBOR, Protocol Buffers).
 * <p>
 * Detection order, by score (see each decoder's {@code detect}): a text frame is JSON (90 object/array) before XML
 * (80) before base64 (60 when its content is recognised, else 25) before plain text (10). A binary frame is
 * self-described CBOR (95), then a typed protobuf the user configured (75), a MessagePack or CBOR map (70),
 * JSON (70), a MessagePack or CBOR array (60), XML (60), schemaless protobuf (40), printable UTF-8 text (30), and
 * finally the hex dump (1). Every binary score requires that the whole payload parses, with no trailing bytes.
 * Ties go to the earlier decoder in {@link #all()}: CBOR before MessagePack.
 */
final class FormatDecoders {

    private FormatDecoders() {
    }

    static List<PayloadDecoder> all() {
        List<PayloadDecoder> inner = List.of(new JsonDecoder(), new XmlDecoder(), new CborDecoder(),
                new MsgpackDecoder(), new ProtobufRawDecoder(), new TextDecoder(), new HexDecoder());
        return List.of(inner.get(0), inner.get(1), inner.get(2), inner.get(3), inner.get(4), new Base64Decoder(inner),
                inner.get(5), inner.get(6));
    }
}
