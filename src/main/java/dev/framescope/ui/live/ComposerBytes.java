package dev.framescope.ui.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;

/** What the composer's message field means in each {@link ComposerView.Mode}, as bytes to send. */
final class ComposerBytes {

    /** A file sent from the composer is read whole; beyond this it is refused rather than freezing the window. */
    static final long MAX_FILE_BYTES = 64L << 20;

    private ComposerBytes() {
    }

    /** The bytes of the message field in the current mode; a problem names what is wrong with it. */
    static byte[] bytes(ComposerView.Mode mode, String text) {
        return switch (mode) {
            case HEX, RAW_FRAME -> hex(text);
            case BASE64 -> base64(text);
            case FILE -> file(text);
            case JSON -> compactJson(text).getBytes(StandardCharsets.UTF_8);
            default -> text.getBytes(StandardCharsets.UTF_8);
        };
    }

    static byte[] base64(String text) {
        String clean = text.replaceAll("\\s", "");
        try {
            return clean.indexOf('-') >= 0 || clean.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(clean)
                    : Base64.getDecoder().decode(clean);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64: " + e.getMessage());
        }
    }

    static byte[] file(String path) {
        Path file = Path.of(path.trim());
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(file.getFileName() + " is " + (size >> 20) + " MiB; the composer "
                        + "sends files up to " + (MAX_FILE_BYTES >> 20) + " MiB");
            }
            return Files.readAllBytes(file);
        } catch (IOException | InvalidPathException e) {
            throw new IllegalArgumentException("cannot read '" + path + "': " + e.getMessage());
        }
    }

    static String compactJson(String text) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            return mapper.writeValueAsString(mapper.readTree(text));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    static byte[] hex(String text) {
        String clean = text.replaceAll("0[xX]", "").replaceAll("[\\s:,]", "");
        if (clean.length() % 2 != 0 || !clean.matches("[0-9a-fA-F]*")) {
            throw new IllegalArgumentException("not hex bytes: '" + text + "'");
        }
        return HexFormat.of().parseHex(clean);
    }
}
