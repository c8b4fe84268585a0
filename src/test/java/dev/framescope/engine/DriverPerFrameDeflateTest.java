package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.Direction;
import dev.framescope.testutil.Await;
import dev.framescope.wire.DecoderOptions;
import dev.framescope.wire.Frame;
import dev.framescope.wire.FrameDecoder;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: the driver compresses with the older per-frame deflate ({@code x-webkit-deflate-frame}) when the server
 * accepts it, each frame on its own with RSV1 — checked by a raw server that inflates what it got with the JDK's
 * inflater, independently of our dissector. (Receiving it: {@code EngineFaultsTest}.)
 */
class DriverPerFrameDeflateTest {

    @Test
    void whatWeSendIsCompressedFrameByFrameAndInflatesToWhatWeSent() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        List<FrameHeader> headers = new CopyOnWriteArrayList<>();
        try (RawServer server = new RawServer((socket, accept) -> {
            OutputStream out = socket.getOutputStream();
            out.write(RawServer.upgrade(accept).replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: "
                    + "x-webkit-deflate-frame\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            readMessages(socket.getInputStream(), received, headers);
            out.write(FrameEncoder.close(1000, "").encode());
            out.flush();
        })) {
            String one = "compress me, ".repeat(100);
            String two = "and me too, in three frames; ".repeat(60);
            Connection c = Captures.openAndAwait(ConnectionSpec.to(server.uri("/"))
                    .withExtensionOffers(List.of("x-webkit-deflate-frame")));
            c.sendText(one);
            c.sendFragmented(Opcode.TEXT, two.getBytes(StandardCharsets.UTF_8), 3);
            Await.until(() -> received.size() == 2, "both messages at the server");
            Captures.closeAndAwait(c);

            assertEquals(List.of(one, two), received);
            assertEquals(4, headers.size(), "one frame, then three");
            assertTrue(headers.stream().allMatch(FrameHeader::rsv1), "RSV1 on every frame, fragments too");
            assertTrue(headers.get(0).payloadLength() < one.length() / 4, "compressed");
            assertEquals(List.of(), Captures.violations(c.log()), Captures.dump(c.log()));
            assertTrue(Captures.frames(c.log(), Direction.OUT).stream().filter(f -> f.header().rsv1())
                    .allMatch(f -> f.inflated().isPresent()), "our capture shows each frame inflated too");
        }
    }

    /** Reads the client's data frames until its close, inflating each with one JDK inflater (context kept). */
    private static void readMessages(InputStream in, List<String> messages, List<FrameHeader> headers)
            throws java.io.IOException {
        FrameDecoder decoder = new FrameDecoder(Sender.CLIENT, DecoderOptions.defaults());
        decoder.setAllowedRsvBits(0x40);
        Inflater inflater = new Inflater(true);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            ByteBuffer bytes = ByteBuffer.wrap(Arrays.copyOf(buffer, n));
            for (Optional<Frame> f = decoder.next(bytes); f.isPresent(); f = decoder.next(bytes)) {
                FrameHeader h = f.get().header();
                if (h.opcode() == Opcode.CLOSE) {
                    return;
                }
                headers.add(h);
                message.writeBytes(h.rsv1() ? inflate(inflater, f.get().payload()) : f.get().payload());
                if (h.fin()) {
                    messages.add(message.toString(StandardCharsets.UTF_8));
                    message.reset();
                }
            }
        }
    }

    private static byte[] inflate(Inflater inflater, byte[] compressed) {
        byte[] input = Arrays.copyOf(compressed, compressed.length + 4);
        input[compressed.length + 2] = (byte) 0xFF;
        input[compressed.length + 3] = (byte) 0xFF;
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        try {
            int got;
            while ((got = inflater.inflate(chunk)) > 0) {
                out.write(chunk, 0, got);
            }
        } catch (DataFormatException e) {
            throw new AssertionError("the server could not inflate our frame", e);
        }
        return out.toByteArray();
    }
}
