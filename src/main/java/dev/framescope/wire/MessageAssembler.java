package dev.framescope.wire;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reassembles one sender's data frames into messages (RFC 6455 §5.4), inflating compressed ones (RFC 7692 §6.2) and
 * validating text as UTF-8 across fragment boundaries (§8.1). Control frames pass through untouched. Fed the frames
 * (or frame chunks) of a {@link FrameDecoder} in order; never throws on hostile input.
 */
public final class MessageAssembler {

    /** Application data kept per message by default; longer messages are counted but only their start is kept. */
    public static final int DEFAULT_RETAINED_BYTES = 16 * 1024 * 1024;

    private final Sender sender;
    private final int maxRetainedBytes;
    private Optional<MessageInflater> inflater = Optional.empty();
    private boolean perFrame;

    private boolean closeSeen;
    private InProgress current;

    public MessageAssembler(Sender sender) {
        this(sender, DEFAULT_RETAINED_BYTES);
    }

    public MessageAssembler(Sender sender, int maxRetainedBytes) {
        this.sender = sender;
        this.maxRetainedBytes = maxRetainedBytes;
    }

    /** Called once permessage-deflate is negotiated for this direction: RSV1 then marks compressed messages. */
    public void useInflater(MessageInflater inflater) {
        this.inflater = Optional.of(inflater);
        this.perFrame = false;
    }

    /**
     * Called once a per-frame deflate extension ({@code x-webkit-deflate-frame}, {@code deflate-frame}) is
     * negotiated: RSV1 marks each compressed frame, continuations included, and each frame inflates on its own.
     */
    public void usePerFrameInflater(MessageInflater inflater) {
        this.inflater = Optional.of(inflater);
        this.perFrame = true;
    }

    /** Application data kept per message; a longer message keeps only its start. */
    int maxRetainedBytes() {
        return maxRetainedBytes;
    }

    public boolean deflateNegotiated() {
        return inflater.isPresent();
    }

    /** The opcode of the fragmented message in progress, if any (none for an orphan run of continuations). */
    public Optional<Opcode> currentOpcode() {
        return current == null || current.opcode == Opcode.CONTINUATION ? Optional.empty()
                : Optional.of(current.opcode);
    }

    /** True while a fragmented message has started and its final frame has not arrived. */
    public boolean inMessage() {
        return current != null;
    }

    /** No fragmented message in progress and no close frame seen: a whole data frame would be a message on its own. */
    public boolean idle() {
        return current == null && !closeSeen;
    }

    public Step accept(Frame frame) {
        FrameHeader header = frame.header();
        List<Finding> findings = new ArrayList<>(0);
        if (frame.isFirstChunk()) {
            if (closeSeen) {
                findings.add(Finding.at(Violation.DATA_AFTER_CLOSE, header.streamOffset(),
                        header.opcode().shortName() + " frame after the close frame"));
            }
            if (header.opcode() == Opcode.CLOSE) {
                closeSeen = true;
            }
        }
        Opcode opcode = header.opcode();
        if (opcode.isControl() || opcode.isReserved()) {
            return new Step(Optional.empty(), findings, Optional.empty(), Optional.empty());
        }
        Optional<Message> cutShort = frame.isFirstChunk() ? startFrame(header, findings) : Optional.empty();
        if (current == null) {
            return new Step(Optional.empty(), findings, Optional.empty(), cutShort);
        }
        Optional<byte[]> inflated = current.append(frame, findings);
        Optional<Message> done = Optional.empty();
        if (frame.lastChunk() && header.fin()) {
            done = Optional.of(current.finish(findings));
            current = null;
        }
        return new Step(inflated, findings, done, cutShort);
    }

    /**
     * Applies the §5.4 fragmentation rules to a frame's first chunk. Nothing a broken sender sends is dropped: an
     * orphan continuation starts a message of its own (opcode CONTINUATION, the type unknown) that later
     * continuations extend up to a FIN; a new TEXT or BINARY frame while a message is open ends that message as it
     * stands, with its frames, and starts the new one.
     *
     * @return the open message this frame cut short, if it did
     */
    private Optional<Message> startFrame(FrameHeader header, List<Finding> findings) {
        if (header.opcode() == Opcode.CONTINUATION) {
            if (current == null) {
                Finding orphan = Finding.at(Violation.CONTINUATION_WITHOUT_START, header.streamOffset(),
                        "no fragmented message in progress; its data is shown as a message of unknown type");
                findings.add(orphan);
                current = new InProgress(Opcode.CONTINUATION, header.streamOffset(), false);
                current.findings.add(orphan);
            } else {
                current.frameCount++;
            }
            return Optional.empty();
        }
        Optional<Message> cutShort = Optional.empty();
        if (current != null) {
            Finding interleaved = Finding.at(Violation.DATA_FRAME_DURING_FRAGMENTED_MESSAGE, header.streamOffset(),
                    header.opcode().shortName() + " frame while the " + current.opcode.shortName()
                            + " message started at byte " + current.startOffset + " had " + current.frameCount
                            + " frame(s) and no FIN; that message ends unfinished here");
            findings.add(interleaved);
            cutShort = Optional.of(current.cutShort(interleaved));
        }
        boolean compressed = header.rsv1() && inflater.isPresent();
        current = new InProgress(header.opcode(), header.streamOffset(), compressed);
        return cutShort;
    }

    /**
     * What one frame (chunk) contributed.
     *
     * @param inflated the inflated bytes this chunk produced, when its message is compressed
     * @param findings message-level findings raised by this chunk (frame-level ones are on the frame)
     * @param message  the message this chunk completed
     * @param cutShort the open message this frame ended unfinished (a data frame interleaved in it), to be shown
     *                 before the frame
     */
    public record Step(Optional<byte[]> inflated, List<Finding> findings, Optional<Message> message,
                       Optional<Message> cutShort) {
    }

    private final class InProgress {
        final Opcode opcode;
        final long startOffset;
        boolean compressed;
        final Utf8Validator utf8 = new Utf8Validator();
        // A message of one chunk shares that chunk's array (chunks are immutable); more chunks are copied together.
        byte[] single;
        ByteArrayOutputStream retained;
        final List<Finding> findings = new ArrayList<>(0);
        int frameCount = 1;
        long wireLength;
        long length;
        boolean inflateStopped;

        InProgress(Opcode opcode, long startOffset, boolean compressed) {
            this.opcode = opcode;
            this.startOffset = startOffset;
            this.compressed = compressed;
        }

        Optional<byte[]> append(Frame frame, List<Finding> stepFindings) {
            byte[] wire = frame.payload();
            wireLength += wire.length;
            boolean frameCompressed = perFrame ? frame.header().rsv1() && inflater.isPresent() : compressed;
            compressed |= frameCompressed;
            if (!frameCompressed) {
                take(wire, frame, stepFindings);
                return Optional.empty();
            }
            boolean end = perFrame ? frame.lastChunk() : frame.lastChunk() && frame.header().fin();
            if (inflateStopped) {
                return Optional.of(new byte[0]);
            }
            MessageInflater.Inflated result = inflater.orElseThrow().inflate(wire, 0, wire.length, end);
            take(result.bytes(), frame, stepFindings);
            result.tooFar().ifPresent(far -> report(stepFindings, Finding.at(Violation.DEFLATE_WINDOW_EXCEEDED,
                    frame.header().streamOffset(), far.describe())));
            switch (result.status()) {
                case LIMIT_EXCEEDED -> {
                    inflateStopped = true;
                    report(stepFindings, Finding.at(Violation.INFLATE_LIMIT_EXCEEDED, frame.header().streamOffset(),
                            "stopped after " + length + " inflated bytes"));
                }
                case ERROR -> {
                    inflateStopped = true;
                    report(stepFindings, Finding.at(Violation.DEFLATE_ERROR, frame.header().streamOffset(),
                            result.error()));
                }
                default -> { }
            }
            return Optional.of(result.bytes());
        }

        private void take(byte[] data, Frame frame, List<Finding> stepFindings) {
            if (opcode == Opcode.TEXT && !utf8.hasFailed() && !utf8.feed(data, 0, data.length)) {
                report(stepFindings, Finding.at(Violation.INVALID_UTF8,
                        frame == null ? startOffset : frame.header().streamOffset(),
                        "byte " + utf8.errorPosition() + " of the message"));
            }
            if (single == null && retained == null && data.length <= maxRetainedBytes) {
                single = data;
            } else {
                if (retained == null) {
                    retained = new ByteArrayOutputStream();
                    if (single != null) {
                        retained.write(single, 0, single.length);
                        single = null;
                    }
                }
                int room = (int) Math.max(0, Math.min(data.length, maxRetainedBytes - (long) retained.size()));
                retained.write(data, 0, room);
            }
            length += data.length;
        }

        /**
         * The message as it stands, ended without its FIN: a compressed one is flushed (the RFC 7692 §7.2.2 tail)
         * so that its inflater starts clean for the next, and {@code reason} is its finding.
         */
        Message cutShort(Finding reason) {
            if (compressed && !perFrame && !inflateStopped) {
                MessageInflater.Inflated rest = inflater.orElseThrow().inflate(new byte[0], 0, 0, true);
                take(rest.bytes(), null, new ArrayList<>(0));
            }
            findings.add(reason);
            return message();
        }

        Message finish(List<Finding> stepFindings) {
            if (opcode == Opcode.TEXT && !utf8.hasFailed() && !utf8.isCompleteAndValid() && !inflateStopped) {
                report(stepFindings, Finding.at(Violation.INVALID_UTF8, startOffset,
                        "the message ends inside a UTF-8 sequence"));
            }
            return message();
        }

        private Message message() {
            return new Message(sender, opcode, startOffset, frameCount, wireLength, compressed, length,
                    retained != null ? retained.toByteArray() : single != null ? single : new byte[0],
                    findings.isEmpty() ? List.of() : findings);
        }

        private void report(List<Finding> stepFindings, Finding finding) {
            stepFindings.add(finding);
            findings.add(finding);
        }
    }
}
