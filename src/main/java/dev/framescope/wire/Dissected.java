package dev.framescope.wire;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a {@link StreamDissector} yields: a frame (or frame chunk) with everything known about it, or a message. */
public sealed interface Dissected permits Dissected.FrameItem, Dissected.MessageItem {

    /**
     * @param frame          the frame or chunk as decoded
     * @param messageOpcode  TEXT or BINARY when the frame carries part of a data message (continuations included)
     * @param inflated       the inflated bytes this chunk produced, when its message is compressed
     * @param findings       frame-level findings followed by the message-level ones this chunk raised
     */
    record FrameItem(Frame frame, Optional<Opcode> messageOpcode, Optional<byte[]> inflated, List<Finding> findings)
            implements Dissected {
        public FrameItem {
            Objects.requireNonNull(frame, "frame");
            findings = List.copyOf(findings);
        }

        /** True when the payload belongs to a text message, so it may be shown as text. */
        public boolean carriesText() {
            return messageOpcode.filter(op -> op == Opcode.TEXT).isPresent();
        }
    }

    record MessageItem(Message message) implements Dissected {
        public MessageItem {
            Objects.requireNonNull(message, "message");
        }
    }
}
