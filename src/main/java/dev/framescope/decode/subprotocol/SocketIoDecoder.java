package dev.framescope.decode.subprotocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framescope.decode.DecodeFailure;
import dev.framescope.decode.DecodeInput;
import dev.framescope.decode.Decoded;
import dev.framescope.decode.PayloadDecoder;
import java.util.Optional;

/**
 * Engine.IO v4 packets carrying Socket.IO v5 packets, one per WebSocket message: {@code <eio type>[<sio type>
 * [<attachments>-][<namespace>,][<ack id>][JSON]]}, e.g. {@code 42["chat","hi"]}. Socket.IO negotiates no
 * subprotocol, so detection reads the packet shape. Binary messages are attachments of a preceding binary
 * event (v4 sends them raw; v3 prefixed them with the byte 0x04).
 */
public final class SocketIoDecoder implements PayloadDecoder {

    static final String RULES = "engine.io-protocol v4";
    static final String SIO_RULES = "socket.io-protocol v5";
    private static final String[] EIO_TYPES = {"open", "close", "ping", "pong", "message", "upgrade", "noop"};
    private static final String[] SIO_TYPES = {"CONNECT", "DISCONNECT", "EVENT", "ACK", "CONNECT_ERROR",
        "BINARY_EVENT", "BINARY_ACK"};
    private static final int MAX_NUMBER_DIGITS = 15;

    @Override
    public String id() {
        return "socketio";
    }

    @Override
    public String label() {
        return "Socket.IO / Engine.IO";
    }

    @Override
    public int detect(DecodeInput input) {
        byte[] b = input.bytes();
        if (Subprotocols.names(input, "socket.io", "socketio", "engine.io")) {
            return 100;
        }
        if (!input.text() || b.length == 0 || b[0] < '0' || b[0] > '6') {
            return 0;
        }
        String all = b.length <= 6 ? JsonText.lenient(b, 0, b.length) : "";
        switch (all) {
            case "2", "3", "2probe", "3probe" -> {
                return 60;
            }
            case "5", "6" -> {
                return 30;
            }
            default -> { }
        }
        if (b[0] != '0' && b[0] != '4' || b[0] == '0' && !mayBeObject(b)) {
            return 0;
        }
        Decoded decoded = decode(input);
        if (!decoded.complete()) {
            return 0;
        }
        JsonNode t = decoded.tree();
        if (b[0] == '0') {
            return t.path("open").has("sid") ? 95 : 0;
        }
        if (b[0] != '4' || !t.has("socketio")) {
            return 0;
        }
        return switch (t.path("socketio").path("type").asInt(-1)) {
            case 2, 3, 5, 6 -> 95;
            case 0, 1, 4 -> 85;
            default -> 0;
        };
    }

    /**
     * Whether the bytes after an open packet's '0' may be the JSON object its score needs: a cheap negative before
     * the parse, which throws on most text. Left to the parser when the first byte is not printable ASCII (a byte
     * order mark, UTF-16).
     */
    private static boolean mayBeObject(byte[] b) {
        int first = 1;
        while (first < b.length && isJsonSpace(b[first])) {
            first++;
        }
        if (first == b.length) {
            return false;
        }
        if (b[first] != '{') {
            return b[first] < 0x21 || b[first] > 0x7e;
        }
        int last = b.length - 1;
        while (isJsonSpace(b[last])) {
            last--;
        }
        return b[last] == '}' || first + 1 < b.length && b[first + 1] == 0;
    }

    private static boolean isJsonSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    @Override
    public Decoded decode(DecodeInput input) {
        byte[] b = input.bytes();
        ObjectNode tree = JsonText.object();
        if (!input.text()) {
            return binary(b, tree);
        }
        if (b.length == 0) {
            return failed(tree, 0, "empty message: an Engine.IO packet starts with its type digit (" + RULES
                    + ", packet encoding)");
        }
        int eio = b[0] - '0';
        if (eio < 0 || eio >= EIO_TYPES.length) {
            return failed(tree, 0, "Engine.IO packet type '" + (char) (b[0] & 0xFF) + "' is not 0-6 (" + RULES
                    + ", packet types)");
        }
        tree.put("engineio", EIO_TYPES[eio]);
        return switch (eio) {
            case 0 -> open(b, tree);
            case 4 -> message(b, tree);
            default -> {
                JsonText.putBody(tree, "data", b, 1, b.length);
                String data = tree.path("data").asText("");
                yield new Decoded(id(), tree, Optional.of("engine.io " + EIO_TYPES[eio]
                        + (data.isEmpty() ? "" : " " + JsonText.clip(data, 40))), Optional.empty());
            }
        };
    }

    private Decoded binary(byte[] b, ObjectNode tree) {
        // Engine.IO v3 marked binary messages with a leading 0x04 ("message"); v4 sends attachments as they are.
        boolean v3 = b.length > 0 && b[0] == 4;
        tree.put("engineio", "message (binary)");
        tree.put("socketio", "binary attachment");
        tree.put("bytes", b.length);
        if (v3) {
            tree.put("engineioV3Prefix", true);
        }
        return new Decoded(id(), tree, Optional.of("socket.io attachment (" + b.length + " B)"), Optional.empty());
    }

    private Decoded open(byte[] b, ObjectNode tree) {
        JsonText.Parsed parsed = JsonText.parse(b, 1, b.length);
        if (parsed.failure().isPresent()) {
            return new Decoded(id(), tree, Optional.of("engine.io open"), parsed.failure());
        }
        JsonNode open = parsed.node().orElseThrow();
        tree.set("open", open);
        if (!open.isObject() || !open.path("sid").isTextual()) {
            return failed(tree, 1, "open packet's JSON has no \"sid\" string (" + RULES + ", handshake)");
        }
        return new Decoded(id(), tree, Optional.of("engine.io open sid=" + JsonText.clip(open.get("sid").asText(), 24)
                + (open.has("pingInterval") ? " ping=" + open.get("pingInterval").asText() + "ms" : "")),
                Optional.empty());
    }

    private Decoded message(byte[] b, ObjectNode tree) {
        if (b.length == 1) {
            return failed(tree, 1, "Engine.IO message without data: a Socket.IO packet type digit must follow ("
                    + SIO_RULES + ", packet encoding)");
        }
        int sio = b[1] - '0';
        ObjectNode packet = tree.putObject("socketio");
        if (sio < 0 || sio >= SIO_TYPES.length) {
            // Plain Engine.IO messages carry any text; only Socket.IO gives the digits meaning.
            tree.remove("socketio");
            JsonText.putBody(tree, "data", b, 1, b.length);
            return new Decoded(id(), tree, Optional.of("engine.io message " + JsonText.clip(
                    tree.path("data").asText(""), 40)), Optional.empty());
        }
        packet.put("type", sio);
        packet.put("typeName", SIO_TYPES[sio]);
        int at = 2;
        if (sio == 5 || sio == 6) {
            int dash = digitsThen(b, at, '-');
            if (dash < 0) {
                return failed(tree, at, SIO_TYPES[sio] + " needs the attachment count and '-' after the type ("
                        + SIO_RULES + ", binary packets)");
            }
            packet.put("attachments", Long.parseLong(JsonText.lenient(b, at, dash)));
            at = dash + 1;
        }
        String namespace = "/";
        if (at < b.length && b[at] == '/') {
            int comma = indexOf(b, at, (byte) ',');
            int end = comma < 0 ? b.length : comma;
            namespace = JsonText.lenient(b, at, end);
            at = comma < 0 ? b.length : comma + 1;
        }
        packet.put("namespace", namespace);
        int digitsEnd = at;
        while (digitsEnd < b.length && b[digitsEnd] >= '0' && b[digitsEnd] <= '9') {
            digitsEnd++;
        }
        if (digitsEnd - at > MAX_NUMBER_DIGITS) {
            return failed(tree, at, "ack id has " + (digitsEnd - at) + " digits, more than " + MAX_NUMBER_DIGITS
                    + " (" + SIO_RULES + ", acknowledgements)");
        }
        Optional<Long> ackId = digitsEnd > at ? Optional.of(Long.parseLong(JsonText.lenient(b, at, digitsEnd)))
                : Optional.empty();
        ackId.ifPresent(id -> packet.put("ackId", id));
        at = digitsEnd;
        Optional<DecodeFailure> failure = Optional.empty();
        if (at < b.length) {
            JsonText.Parsed parsed = JsonText.parse(b, at, b.length);
            failure = parsed.failure();
            parsed.node().ifPresent(data -> packet.set("data", data));
        }
        if (failure.isEmpty()) {
            failure = checkShape(sio, packet, at);
        }
        return new Decoded(id(), tree, Optional.of(summary(sio, packet, namespace, ackId)), failure);
    }

    /** What each packet type's data must look like (socket.io-protocol v5, packet types). */
    private static Optional<DecodeFailure> checkShape(int sio, ObjectNode packet, int at) {
        JsonNode data = packet.path("data");
        switch (sio) {
            case 2, 5 -> {
                if (!data.isArray() || data.isEmpty() || !data.get(0).isTextual()) {
                    return Optional.of(new DecodeFailure(at, SIO_TYPES[sio]
                            + " data must be an array whose first element is the event name (" + SIO_RULES + ")"));
                }
                packet.put("event", data.get(0).asText());
                ArrayNode args = JsonText.NODES.arrayNode();
                for (int i = 1; i < data.size(); i++) {
                    args.add(data.get(i));
                }
                packet.set("args", args);
            }
            case 3, 6 -> {
                if (!data.isArray()) {
                    return Optional.of(new DecodeFailure(at, SIO_TYPES[sio] + " data must be an array ("
                            + SIO_RULES + ")"));
                }
                if (!packet.has("ackId")) {
                    return Optional.of(new DecodeFailure(at, SIO_TYPES[sio] + " has no ack id (" + SIO_RULES + ")"));
                }
                packet.set("args", data);
            }
            default -> { }
        }
        return Optional.empty();
    }

    private static String summary(int sio, ObjectNode packet, String namespace, Optional<Long> ackId) {
        StringBuilder s = new StringBuilder("socket.io ").append(SIO_TYPES[sio]);
        if (packet.has("event")) {
            s.append(" \"").append(JsonText.clip(packet.get("event").asText(), 40)).append('"');
        }
        if (!namespace.equals("/")) {
            s.append(' ').append(namespace);
        }
        ackId.ifPresent(id -> s.append(" ack=").append(id));
        if (packet.has("attachments")) {
            s.append(" +").append(packet.get("attachments").asLong()).append(" attachment(s)");
        }
        if (sio == 4) {
            s.append(' ').append(JsonText.clip(packet.path("data").path("message").asText(""), 40));
        }
        return s.toString().strip();
    }

    /** Index of {@code end} after one or more digits starting at {@code from}, or -1. */
    private static int digitsThen(byte[] b, int from, char end) {
        int i = from;
        while (i < b.length && i - from <= MAX_NUMBER_DIGITS && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i > from && i < b.length && i - from <= MAX_NUMBER_DIGITS && b[i] == end ? i : -1;
    }

    private static int indexOf(byte[] b, int from, byte wanted) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private Decoded failed(ObjectNode tree, long offset, String reason) {
        return new Decoded(id(), tree, Optional.empty(), Optional.of(new DecodeFailure(offset, reason)));
    }
}
