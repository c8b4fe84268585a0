package dev.framescope.engine;

import dev.framescope.wire.DeflateNegotiation;
import dev.framescope.wire.ExtensionHeader;
import dev.framescope.wire.ExtensionOffer;
import dev.framescope.wire.MessageDeflater;
import dev.framescope.wire.MessageInflater;
import dev.framescope.wire.NegotiatedDeflate;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.InvalidFrameException;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.extensions.DefaultExtension;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.DataFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.FramedataImpl1;

/**
 * permessage-deflate for Java-WebSocket's client, configurable as an inspector needs (the library's own offers a
 * fixed parameter set and ignores the response): every offer is sent in order, the response's parameters are
 * honoured per direction, and {@code client_max_window_bits} is never exceeded (see {@link MessageDeflater}).
 * Fragmented messages we send go uncompressed, which RFC 7692 §6.1 allows.
 */
final class DeflateExtension extends DefaultExtension {

    private final List<String> offers;
    private final long maxMessageBytes;
    private Optional<NegotiatedDeflate> negotiated = Optional.empty();
    private MessageInflater inflater;
    private MessageDeflater deflater;
    private boolean inflatingMessage;
    private boolean sendingFragments;

    DeflateExtension(List<String> offers, long maxMessageBytes) {
        this.offers = List.copyOf(offers);
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public String getProvidedExtensionAsClient() {
        return String.join(", ", offers);
    }

    @Override
    public boolean acceptProvidedExtensionAsClient(String responseHeader) {
        if (responseHeader == null || responseHeader.isBlank()) {
            return false;
        }
        List<ExtensionOffer> offered = ExtensionHeader.parse(offers).offers();
        Optional<ExtensionOffer> accepted = ExtensionHeader.parse(responseHeader).offers().stream()
                .filter(o -> o.name().equalsIgnoreCase("permessage-deflate")).findFirst();
        if (accepted.isEmpty()) {
            return false;
        }
        NegotiatedDeflate result = DeflateNegotiation.check(offered, accepted.get());
        negotiated = Optional.of(result);
        inflater = new MessageInflater(result.serverToClient().windowBits(), result.serverToClient().contextTakeover(),
                maxMessageBytes);
        deflater = new MessageDeflater(result.clientToServer().windowBits(), result.clientToServer().contextTakeover());
        return true;
    }

    @Override
    public void isFrameValid(Framedata frame) throws InvalidDataException {
        if (frame.isRSV2() || frame.isRSV3()) {
            throw new InvalidFrameException("RSV2/RSV3 set; permessage-deflate defines only RSV1");
        }
    }

    @Override
    public void decodeFrame(Framedata frame) throws InvalidDataException {
        if (!(frame instanceof DataFrame) && frame.getOpcode() != Opcode.CONTINUOUS || inflater == null) {
            return;
        }
        if (frame.getOpcode() != Opcode.CONTINUOUS) {
            inflatingMessage = frame.isRSV1();
        }
        if (!inflatingMessage) {
            return;
        }
        inflateInto(frame, inflater, frame.isFin(), maxMessageBytes);
    }

    /**
     * Replaces a compressed frame's payload with its inflation and clears RSV1; shared with per-frame deflate.
     * Past the limit the library closes with 1009 (LimitExceededException); corrupt data fails the connection.
     */
    static void inflateInto(Framedata frame, MessageInflater inflater, boolean endOfMessage, long maxBytes)
            throws InvalidDataException {
        ByteBuffer payload = frame.getPayloadData();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        MessageInflater.Inflated out = inflater.inflate(bytes, 0, bytes.length, endOfMessage);
        if (out.status() == MessageInflater.Status.LIMIT_EXCEEDED) {
            throw new LimitExceededException("inflated size exceeds " + maxBytes + " bytes",
                    (int) Math.min(Integer.MAX_VALUE, maxBytes));
        }
        if (out.status() == MessageInflater.Status.ERROR) {
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "deflate: " + out.error());
        }
        FramedataImpl1 mutable = (FramedataImpl1) frame;
        mutable.setPayload(ByteBuffer.wrap(out.bytes()));
        mutable.setRSV1(false);
    }

    @Override
    public void encodeFrame(Framedata frame) {
        if (deflater == null || !(frame instanceof DataFrame) && frame.getOpcode() != Opcode.CONTINUOUS) {
            return;
        }
        boolean first = frame.getOpcode() != Opcode.CONTINUOUS;
        if (first && !frame.isFin() || !first) {
            sendingFragments = !frame.isFin();
            return;
        }
        ByteBuffer payload = frame.getPayloadData();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        Optional<byte[]> compressed = deflater.deflate(bytes);
        FramedataImpl1 mutable = (FramedataImpl1) frame;
        mutable.setPayload(ByteBuffer.wrap(compressed.orElse(bytes)));
        mutable.setRSV1(compressed.isPresent());
    }

    @Override
    public IExtension copyInstance() {
        return new DeflateExtension(offers, maxMessageBytes);
    }

    @Override
    public void reset() {
        negotiated = Optional.empty();
        inflater = null;
        deflater = null;
    }

    Optional<NegotiatedDeflate> negotiated() {
        return negotiated;
    }

    @Override
    public String toString() {
        return "permessage-deflate (Framescope)";
    }
}
