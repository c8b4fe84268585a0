package dev.framescope.engine;

import dev.framescope.wire.ExtensionHeader;
import dev.framescope.wire.ExtensionOffer;
import dev.framescope.wire.MessageDeflater;
import dev.framescope.wire.MessageInflater;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.InvalidFrameException;
import org.java_websocket.extensions.DefaultExtension;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.framing.DataFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.FramedataImpl1;

/**
 * The pre-RFC 7692 per-frame deflate extension ({@code x-webkit-deflate-frame}, {@code deflate-frame}) still met on
 * older servers: RSV1 marks each compressed data frame, continuations included; each frame's payload is a DEFLATE
 * block flushed with SYNC_FLUSH and its 00 00 ff ff tail removed. {@code no_context_takeover} resets per frame.
 */
final class PerFrameDeflateExtension extends DefaultExtension {

    static boolean handles(String offerOrName) {
        String name = offerOrName.trim().toLowerCase(Locale.ROOT);
        return name.startsWith("x-webkit-deflate-frame") || name.startsWith("deflate-frame");
    }

    private final String offer;
    private final long maxMessageBytes;
    private MessageInflater inflater;
    private MessageDeflater deflater;

    PerFrameDeflateExtension(String offer, long maxMessageBytes) {
        this.offer = offer;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public String getProvidedExtensionAsClient() {
        return offer;
    }

    @Override
    public boolean acceptProvidedExtensionAsClient(String responseHeader) {
        if (responseHeader == null) {
            return false;
        }
        Optional<ExtensionOffer> accepted = ExtensionHeader.parse(responseHeader).offers().stream()
                .filter(o -> handles(o.name())).findFirst();
        accepted.ifPresent(a -> {
            boolean takeover = !a.has("no_context_takeover");
            inflater = new MessageInflater(15, takeover, maxMessageBytes);
            deflater = new MessageDeflater(15, true);
        });
        return accepted.isPresent();
    }

    @Override
    public void isFrameValid(Framedata frame) throws InvalidDataException {
        if (frame.isRSV2() || frame.isRSV3()) {
            throw new InvalidFrameException("RSV2/RSV3 set; per-frame deflate defines only RSV1");
        }
    }

    @Override
    public void decodeFrame(Framedata frame) throws InvalidDataException {
        if (inflater == null || !frame.isRSV1() || !isData(frame)) {
            return;
        }
        DeflateExtension.inflateInto(frame, inflater, true, maxMessageBytes);
    }

    @Override
    public void encodeFrame(Framedata frame) {
        if (deflater == null || !isData(frame)) {
            return;
        }
        ByteBuffer payload = frame.getPayloadData();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        byte[] compressed = deflater.deflate(bytes).orElse(bytes);
        FramedataImpl1 mutable = (FramedataImpl1) frame;
        mutable.setPayload(ByteBuffer.wrap(compressed));
        mutable.setRSV1(compressed != bytes);
    }

    private static boolean isData(Framedata frame) {
        return frame instanceof DataFrame || frame.getOpcode() == Opcode.CONTINUOUS;
    }

    @Override
    public IExtension copyInstance() {
        return new PerFrameDeflateExtension(offer, maxMessageBytes);
    }

    @Override
    public void reset() {
        inflater = null;
        deflater = null;
    }

    @Override
    public String toString() {
        return offer;
    }
}
