package dev.framescope.testutil;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Raw test peers' HTTP: a request or response head read byte by byte, so nothing after it is consumed. */
public final class HttpHeads {

    private HttpHeads() {
    }

    /**
     * The head's bytes up to and including the empty line that ends it.
     *
     * @throws EOFException when the peer ends its stream first
     */
    public static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the peer ended its stream after " + head.size() + " bytes of an HTTP head: "
                        + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        return head.toByteArray();
    }

    /** {@link #read} as text. */
    public static String readText(InputStream in) throws IOException {
        return new String(read(in), StandardCharsets.ISO_8859_1);
    }
}
