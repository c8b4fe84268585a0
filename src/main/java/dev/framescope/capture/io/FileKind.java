package dev.framescope.capture.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What a file is, judged from its first bytes, so that a file of the wrong kind is named for what it is instead of
 * for the way it failed to parse ("Input length = 1").
 */
public enum FileKind {
    /** UTF-8 text that may be a session file (JSON Lines); the header line decides. */
    TEXT("text"),
    /** Nothing in it. */
    EMPTY("an empty file"),
    /** pcapng: its first block is a Section Header Block, type 0x0A0D0D0A (RFC draft-ietf-opsawg-pcapng §4.1). */
    PCAPNG("a pcapng capture"),
    /** Classic libpcap: magic 0xA1B2C3D4 (µs) or 0xA1B23C4D (ns), in either byte order. */
    PCAP("a pcap capture"),
    /** A browser's HTTP Archive: a JSON object whose first key is "log" (HAR 1.2). */
    HAR("a HAR file"),
    /** Anything else whose first line is not UTF-8 text, or holds NUL bytes. */
    BINARY("binary data");

    private static final int HEAD = 4096;
    private static final Pattern HAR_START = Pattern.compile("\\A\\uFEFF?\\s*\\{\\s*\"log\"\\s*:");

    private final String description;

    FileKind(String description) {
        this.description = description;
    }

    /** "a pcapng capture", for messages. */
    public String description() {
        return description;
    }

    /** Reads at most the first 4 KiB of the file. */
    public static FileKind of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in.readNBytes(HEAD));
        }
    }

    /** Judges the first bytes of a file (any length; 4 KiB is plenty). */
    public static FileKind of(byte[] head) {
        if (head.length == 0) {
            return EMPTY;
        }
        if (head.length >= 4) {
            int magic = ByteBuffer.wrap(head, 0, 4).getInt();
            if (magic == 0x0A0D0D0A) {
                return PCAPNG;
            }
            if (magic == 0xA1B2C3D4 || magic == 0xD4C3B2A1 || magic == 0xA1B23C4D || magic == 0x4D3CB2A1) {
                return PCAP;
            }
        }
        // Only the first line decides text or binary: a session file with one damaged line later is still one.
        int firstLine = 0;
        while (firstLine < head.length && head[firstLine] != '\n') {
            firstLine++;
        }
        CharBuffer line = CharBuffer.allocate(firstLine);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // endOfInput false: a character cut by the 4 KiB limit is not an error.
        CoderResult result = utf8.decode(ByteBuffer.wrap(head, 0, firstLine), line, false);
        if (result.isError() || line.flip().chars().anyMatch(c -> c == 0)) {
            return BINARY;
        }
        String text = new String(head, StandardCharsets.UTF_8);
        return HAR_START.matcher(text).find() ? HAR : TEXT;
    }
}
