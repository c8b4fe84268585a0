package dev.framescope.cli;

import dev.framescope.wire.HandshakeResponse;
import dev.framescope.wire.HttpHead;
import dev.framescope.wire.HttpHeadParser;
import dev.framescope.wire.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A stream may begin with its HTTP upgrade request or response; this shows it and says where frames start. */
final class HandshakePrefix {

    /**
     * @param framesStart   offset of the first frame byte (the input's length when no frames can follow)
     * @param extensions    the Sec-WebSocket-Extensions of a 101 response, to set up inflation from
     */
    record Result(int framesStart, Optional<String> extensions) {
    }

    private HandshakePrefix() {
    }

    static Result skip(byte[] input, DissectionPrinter printer) {
        if (!startsWithHead(input)) {
            return new Result(0, Optional.empty());
        }
        HttpHead head = HttpHeadParser.parse(input);
        List<String> lines = new ArrayList<>();
        lines.add(head.startLine());
        for (HttpHeaders.Field f : head.headers().entries()) {
            lines.add(f.name() + ": " + f.value());
        }
        if (!head.complete()) {
            printer.handshake("HTTP head (incomplete)", lines, head.findings());
            return new Result(input.length, Optional.empty());
        }
        Optional<HandshakeResponse> response = head.asResponse(input);
        if (response.isPresent() && !response.get().isSwitchingProtocols()) {
            byte[] body = response.get().body();
            lines.add("");
            lines.add("body: " + body.length + " bytes: " + new String(body, StandardCharsets.UTF_8));
            printer.handshake("HTTP response (" + head.headLength() + " bytes, not an upgrade)", lines,
                    head.findings());
            return new Result(input.length, Optional.empty());
        }
        printer.handshake((response.isPresent() ? "HTTP response" : "HTTP request") + " (" + head.headLength()
                + " bytes)", lines, head.findings());
        Optional<String> extensions = response.isPresent()
                ? response.get().headers().all("Sec-WebSocket-Extensions").stream().reduce((a, b) -> a + ", " + b)
                : Optional.empty();
        return new Result(head.headLength(), extensions);
    }

    /**
     * Whether what {@link #skip} shows of {@code start}, the first bytes of a longer input, depends on the bytes
     * after them: an HTTP head not finished there (or too few bytes to tell), or a response other than 101, whose
     * body is the rest.
     */
    static boolean needsAll(byte[] start) {
        String first = new String(start, 0, Math.min(start.length, 5), StandardCharsets.ISO_8859_1);
        if (first.length() < 5 && ("GET ".startsWith(first) || "HTTP/".startsWith(first))) {
            return true;
        }
        if (!startsWithHead(start)) {
            return false;
        }
        HttpHead head = HttpHeadParser.parse(start);
        return !head.complete() || head.asResponse(start).filter(r -> !r.isSwitchingProtocols()).isPresent();
    }

    private static boolean startsWithHead(byte[] input) {
        String start = new String(input, 0, Math.min(input.length, 5), StandardCharsets.ISO_8859_1);
        return start.startsWith("GET ") || start.startsWith("HTTP/");
    }
}
