package dev.framescope.capture.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.CloseEvent;
import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.CaptureEvent.HandshakeEvent;
import dev.framescope.capture.CaptureEvent.HeartbeatEvent;
import dev.framescope.capture.CaptureEvent.MessageEvent;
import dev.framescope.capture.CaptureEvent.NegotiationEvent;
import dev.framescope.capture.CaptureEvent.NoteEvent;
import dev.framescope.capture.CaptureEvent.RelayEvent;
import dev.framescope.capture.CaptureEvent.StateEvent;
import dev.framescope.capture.CaptureEvent.TimingEvent;
import dev.framescope.capture.CaptureEvent.TlsEvent;
import dev.framescope.capture.CaptureEvent.ViolationEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.ConnectionState;
import dev.framescope.capture.Direction;
import dev.framescope.capture.FrameJson;
import dev.framescope.capture.MessageJson;
import dev.framescope.capture.Payload;
import dev.framescope.capture.Secrets;
import dev.framescope.capture.Stamp;
import dev.framescope.wire.Finding;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.Message;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Severity;
import dev.framescope.wire.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** One capture event as one JSON object, and back: the lines of a session file (docs/session-format.md). */
public final class SessionJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    private SessionJson() {
    }

    public static ObjectNode toJson(CaptureLog log, CaptureEvent event, boolean keepSecrets) {
        ObjectNode node = body(event, keepSecrets, log.secrets());
        ObjectNode line = NODES.objectNode();
        line.put("type", node.path("type").asText());
        line.put("conn", event.stamp().connectionId()).put("seq", event.seq());
        line.put("t", Math.round(log.secondsSinceStart(event.nanos()) * 1e6) / 1e6);
        node.remove("type");
        line.setAll(node);
        return line;
    }

    private static ObjectNode body(CaptureEvent event, boolean keepSecrets, Secrets secrets) {
        ObjectNode n = NODES.objectNode();
        if (event instanceof FrameEvent f) {
            ObjectNode frame = FrameJson.toJson(f.frame(), f.carriesText(), f.inflated().map(Payload::bytes),
                    f.findings());
            frame.put("dir", f.dir().json());
            f.messageOpcode().ifPresent(op -> frame.put("message", op.shortName()));
            findings(frame, f.findings());
            return keepSecrets ? frame : redactPayload(frame, secrets);
        }
        if (event instanceof MessageEvent m) {
            ObjectNode msg = MessageJson.toJson(m.message());
            msg.put("dir", m.dir().json());
            if (msg.has("text")) {
                msg.put("payloadHex", HEX.formatHex(m.message().payload()));
            }
            findings(msg, m.message().findings());
            return keepSecrets ? msg : redactPayload(msg, secrets);
        }
        if (event instanceof StateEvent s) {
            return n.put("type", "state").put("state", s.state().name()).put("detail", keepSecrets ? s.detail()
                    : Redactor.text(s.detail(), secrets));
        }
        if (event instanceof TimingEvent t) {
            return n.put("type", "timing").put("phase", t.phase().name()).put("nanos", t.durationNanos())
                    .put("detail", t.detail());
        }
        if (event instanceof TlsEvent t) {
            n.put("type", "tls").put("protocol", t.protocol()).put("cipher", t.cipherSuite())
                    .put("verified", t.verified()).put("insecure", t.insecureOverride());
            t.peerChain().forEach(n.putArray("chain")::add);
            return n;
        }
        if (event instanceof HandshakeEvent h) {
            n.put("type", "handshake").put("status", h.status());
            n.put("request", text(keepSecrets ? h.rawRequest() : Redactor.head(h.rawRequest(), secrets)));
            n.put("response", text(keepSecrets ? h.rawResponse() : Redactor.head(h.rawResponse(), secrets)));
            n.put("bodyHex", HEX.formatHex(h.responseBody()));
            n.put("expectedAccept", h.expectedAccept());
            h.receivedAccept().ifPresent(a -> n.put("receivedAccept", a));
            h.subprotocol().ifPresent(p -> n.put("subprotocol", p));
            n.put("offeredExtensions", h.offeredExtensions()).put("acceptedExtensions", h.acceptedExtensions());
            findings(n, h.findings());
            return n;
        }
        if (event instanceof NegotiationEvent g) {
            n.put("type", "negotiation").put("offered", g.offered()).put("accepted", g.accepted());
            g.effects().forEach(n.putArray("effects")::add);
            findings(n, g.findings());
            return n;
        }
        if (event instanceof HeartbeatEvent h) {
            n.put("type", "heartbeat").put("kind", h.kind().name()).put("payloadHex", HEX.formatHex(h.payload()));
            h.rttNanos().ifPresent(r -> n.put("rttNanos", r));
            return n;
        }
        if (event instanceof ViolationEvent v) {
            n.put("type", "violation").put("dir", v.dir().json());
            findings(n, List.of(v.finding()));
            return n;
        }
        if (event instanceof CloseEvent c) {
            n.put("type", "close").put("initiator", c.initiator().name()).put("clean", c.clean());
            c.sentCode().ifPresent(v -> n.put("sentCode", v));
            n.put("sentReason", c.sentReason());
            c.receivedCode().ifPresent(v -> n.put("receivedCode", v));
            n.put("receivedReason", c.receivedReason());
            c.handshakeNanos().ifPresent(v -> n.put("closeHandshakeNanos", v));
            return n;
        }
        if (event instanceof RelayEvent r) {
            n.put("type", "relay").put("dir", r.dir().json()).put("mark", r.mark().name().toLowerCase(Locale.ROOT));
            r.marked().forEach(n.putArray("marked")::add);
            r.counterpart().forEach(n.putArray("counterpart")::add);
            return n;
        }
        NoteEvent note = (NoteEvent) event;
        return n.put("type", "note").put("level", note.level().name()).put("text", keepSecrets ? note.text()
                : Redactor.text(note.text(), secrets));
    }

    /**
     * A frame or message line with this connection's secret values overwritten in its payload fields (a value split
     * across fragments, or inside a compressed payload, is not found: only whole occurrences are).
     */
    private static ObjectNode redactPayload(ObjectNode node, Secrets secrets) {
        if (secrets.values().isEmpty()) {
            return node;
        }
        for (String field : List.of("payloadHex", "inflatedHex")) {
            if (node.path(field).isTextual()) {
                node.put(field, HEX.formatHex(Redactor.payload(HEX.parseHex(node.path(field).asText()), secrets)));
            }
        }
        if (node.path("text").isTextual()) {
            byte[] text = node.path("text").asText().getBytes(StandardCharsets.UTF_8);
            node.put("text", new String(Redactor.payload(text, secrets), StandardCharsets.UTF_8));
        }
        return node;
    }

    private static String text(byte[] raw) {
        return new String(raw, StandardCharsets.ISO_8859_1);
    }

    private static void findings(ObjectNode node, List<Finding> findings) {
        ArrayNode ids = node.putArray("violations");
        ArrayNode details = node.putArray("findings");
        for (Finding f : findings) {
            ids.add(f.violation().id());
            details.addObject().put("id", f.violation().id()).put("offset", f.streamOffset()).put("detail", f.detail());
        }
    }

    /** Rebuilds an event from its line; the log supplies the stamp. Throws IllegalArgumentException when malformed. */
    public static CaptureEvent fromJson(JsonNode n, Stamp stamp, CaptureLog log) {
        String type = n.path("type").asText("");
        return switch (type) {
            case "frame" -> frame(n, stamp, log);
            case "message" -> message(n, stamp);
            case "state" -> new StateEvent(stamp, ConnectionState.valueOf(n.path("state").asText()),
                    n.path("detail").asText(""));
            case "timing" -> new TimingEvent(stamp, CaptureEvent.Phase.valueOf(n.path("phase").asText()),
                    n.path("nanos").asLong(), n.path("detail").asText(""));
            case "tls" -> new TlsEvent(stamp, n.path("protocol").asText(""), n.path("cipher").asText(""),
                    strings(n.path("chain")), n.path("verified").asBoolean(), n.path("insecure").asBoolean());
            case "handshake" -> new HandshakeEvent(stamp, bytes(n.path("request").asText("")),
                    bytes(n.path("response").asText("")), HEX.parseHex(n.path("bodyHex").asText("")),
                    n.path("status").asInt(), n.path("expectedAccept").asText(""), opt(n, "receivedAccept"),
                    opt(n, "subprotocol"), n.path("offeredExtensions").asText(""),
                    n.path("acceptedExtensions").asText(""), findingsOf(n));
            case "negotiation" -> new NegotiationEvent(stamp, n.path("offered").asText(""),
                    n.path("accepted").asText(""), strings(n.path("effects")), findingsOf(n));
            case "heartbeat" -> new HeartbeatEvent(stamp, CaptureEvent.HeartbeatKind.valueOf(n.path("kind").asText()),
                    HEX.parseHex(n.path("payloadHex").asText("")), n.has("rttNanos")
                            ? OptionalLong.of(n.path("rttNanos").asLong()) : OptionalLong.empty());
            case "violation" -> new ViolationEvent(stamp, Direction.ofJson(n.path("dir").asText()),
                    findingsOf(n).stream().findFirst().orElseThrow(() -> new IllegalArgumentException("no finding")));
            case "close" -> new CloseEvent(stamp, CaptureEvent.Initiator.valueOf(n.path("initiator").asText("NONE")),
                    optInt(n, "sentCode"), n.path("sentReason").asText(""), optInt(n, "receivedCode"),
                    n.path("receivedReason").asText(""), n.path("clean").asBoolean(), n.has("closeHandshakeNanos")
                            ? OptionalLong.of(n.path("closeHandshakeNanos").asLong()) : OptionalLong.empty());
            case "note" -> new NoteEvent(stamp, Severity.valueOf(n.path("level").asText("INFO")),
                    n.path("text").asText(""));
            case "relay" -> new RelayEvent(stamp, Direction.ofJson(n.path("dir").asText()),
                    CaptureEvent.RelayMark.valueOf(n.path("mark").asText().toUpperCase(Locale.ROOT)),
                    seqs(n.path("marked")), seqs(n.path("counterpart")));
            default -> throw new IllegalArgumentException("unknown event type '" + type + "'");
        };
    }

    private static FrameEvent frame(JsonNode n, Stamp stamp, CaptureLog log) {
        FrameHeader header = FrameJson.header(n);
        Payload payload = log.payloads().store(FrameJson.hex(n, "payloadHex"));
        Optional<Payload> inflated = n.has("inflatedHex")
                ? Optional.of(log.payloads().store(FrameJson.hex(n, "inflatedHex"))) : Optional.empty();
        Optional<Opcode> message = n.has("message")
                ? Optional.of(n.path("message").asText().equals("TEXT") ? Opcode.TEXT : Opcode.BINARY)
                : Optional.empty();
        long chunkOffset = n.path("chunkOffset").asLong(0);
        boolean last = !n.has("lastChunk") || n.path("lastChunk").asBoolean();
        return new FrameEvent(stamp, Direction.ofJson(n.path("dir").asText()), header, chunkOffset, last, payload,
                message, inflated, findingsOf(n));
    }

    private static MessageEvent message(JsonNode n, Stamp stamp) {
        Direction dir = Direction.ofJson(n.path("dir").asText());
        Message m = new Message(dir.sender(), Opcode.of(n.path("opcode").asInt(1)), n.path("offset").asLong(),
                n.path("frames").asInt(), n.path("wireLength").asLong(), n.path("compressed").asBoolean(),
                n.path("length").asLong(), HEX.parseHex(n.path("payloadHex").asText("")), findingsOf(n));
        return new MessageEvent(stamp, dir, m);
    }

    private static List<Finding> findingsOf(JsonNode n) {
        List<Finding> out = new ArrayList<>();
        for (JsonNode f : n.path("findings")) {
            out.add(new Finding(Violation.valueOf(f.path("id").asText()), f.path("detail").asText(""),
                    f.path("offset").asLong(-1)));
        }
        return out;
    }

    private static List<Long> seqs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asLong()));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    private static Optional<String> opt(JsonNode n, String field) {
        return n.has(field) ? Optional.of(n.path(field).asText()) : Optional.empty();
    }

    private static OptionalInt optInt(JsonNode n, String field) {
        return n.has(field) ? OptionalInt.of(n.path(field).asInt()) : OptionalInt.empty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
