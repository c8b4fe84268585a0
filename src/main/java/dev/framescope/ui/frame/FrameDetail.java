package dev.framescope.ui.frame;

import dev.framescope.wire.Frame;
import dev.framescope.wire.Sender;
import java.util.Objects;
import java.util.Optional;

/**
 * What the frame detail pane shows: a frame plus the facts the frame itself does not carry.
 *
 * @param index    the frame's number in its connection (1-based, both directions counted together)
 * @param sender   who wrote it
 * @param frame    the frame (or its first chunk)
 * @param inflated the inflated payload when the frame's message was compressed (RFC 7692), else empty
 * @param relay    what the intercepting proxy did to it, in words ("edited by you; original: #3"), or empty
 */
public record FrameDetail(long index, Sender sender, Frame frame, Optional<byte[]> inflated, Optional<String> relay) {

    public FrameDetail {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(inflated, "inflated");
        Objects.requireNonNull(relay, "relay");
    }

    public FrameDetail(long index, Sender sender, Frame frame, Optional<byte[]> inflated) {
        this(index, sender, frame, inflated, Optional.empty());
    }

    public static FrameDetail of(long index, Sender sender, Frame frame) {
        return new FrameDetail(index, sender, frame, Optional.empty());
    }

    /** "#12 · server → client · TEXT · FIN · 5 B (7-bit) · offset 1,234". */
    public String summary() {
        var header = frame.header();
        StringBuilder sb = new StringBuilder()
                .append('#').append(index)
                .append(" · ").append(sender == Sender.CLIENT ? "client → server" : "server → client")
                .append(" · ").append(header.opcode().shortName())
                .append(" · ").append(header.fin() ? "FIN" : "not FIN");
        if (header.rsv1()) {
            sb.append(" · RSV1");
        }
        String length = header.lengthMsbSet()
                ? Long.toUnsignedString(header.payloadLength()) + " B"
                : PayloadFormats.size(header.payloadLength());
        sb.append(" · ").append(length).append(" (").append(header.lengthEncoding().bits()).append("-bit)");
        header.maskingKeyHex().ifPresent(key -> sb.append(" · mask ").append(key));
        sb.append(" · offset ").append(String.format("%,d", header.streamOffset()));
        relay.ifPresent(r -> sb.append(" · ").append(r));
        return sb.toString();
    }
}
