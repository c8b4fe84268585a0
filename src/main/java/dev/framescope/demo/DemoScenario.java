package dev.framescope.demo;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one registry of demo scenarios: the request path that picks each, an example path with its parameters, a
 * one-line description (what the CLI prints and the GUI offers) and the conversation the server holds on it.
 * Adding a scenario is adding a constant here.
 */
public enum DemoScenario {
    ECHO("echo", "", "echoes every text and binary message", BuiltInDialogues.Echo::new),
    TICKER("ticker", "?rate=10&size=80",
            "JSON ticks at `rate` per second (up to 50000), about `size` bytes each; `count` stops after that many",
            BuiltInDialogues.Ticker::new),
    FRAGMENTED("fragmented", "", "a text and a binary message in fragments, with a ping between fragments; again on "
            + "each message you send", BuiltInDialogues.Fragmented::new),
    COMPRESSED("compressed", "", "permessage-deflate (offer it): compressible JSON now and on each message you send, "
            + "echoed back", BuiltInDialogues.Compressed::new),
    HEARTBEAT("heartbeat", "?interval=1000&pongDelay=0",
            "the server pings every `interval` ms and answers your pings after `pongDelay` ms",
            BuiltInDialogues.Heartbeat::new),
    IDLE("idle", "?timeout=3000", "closes with 1001 'idle timeout' after `timeout` ms without a frame from you "
            + "(message, ping or pong); `reset=1` drops TCP with a reset instead, as a proxy might; `ping=N` pings "
            + "you every N ms (your pongs keep it open)", BuiltInDialogues.Idle::new),
    CLOSE("close", "/1000", "closes right after opening with the code in the path (e.g. 1001, 1008, 1011, 4000)",
            BuiltInDialogues.Close::new),
    ENCODINGS("encodings", "", "one order as JSON (text), MessagePack, CBOR and Protocol Buffers (binary); again on "
            + "each message you send", BuiltInDialogues.Encodings::new),
    HEADERS("headers", "", "sends back, as one JSON text message, the request target and header fields it received "
            + "(to check auth helpers and variables); then echoes; with `close=CODE` it closes after `echoes` "
            + "(default 0) messages", BuiltInDialogues.Headers::new),
    CHAOS("chaos", "", "a scripted series of protocol violations written as raw bytes, one of each kind; then "
            + "ordinary messages and a ping, and it waits for your close", BuiltInDialogues.Chaos::new),
    CHAOS_CLOSE("chaos-close", "", "the server's close frame done wrong: a 1-byte close body, text after the close, "
            + "close code 1005", BuiltInDialogues.ChaosClose::new),
    STOMP("stomp", "", "a STOMP 1.2 broker (offer `v12.stomp`): CONNECTED, RECEIPT, a few MESSAGE frames per "
            + "SUBSCRIBE, SEND delivered to subscribers", StompDialogue::new, "v12.stomp", "v11.stomp", "v10.stomp"),
    MQTT("mqtt", "", "an MQTT 3.1.1 / 5.0 broker (offer `mqtt`): CONNACK, SUBACK then `count` PUBLISH packets, "
            + "PUBACK, PINGRESP", MqttDialogue::new, "mqtt"),
    JSONRPC("jsonrpc", "?notify=2000", "JSON-RPC 2.0: add, subtract, echo, slow (answers later), fail (error); "
            + "unknown methods get -32601; a tick notification every `notify` ms; `drift=N` adds N to results, "
            + "`reorder=1` swaps answers in pairs", JsonRpcDialogue::new),
    GRAPHQL("graphql", "", "graphql-transport-ws (offer it): connection_ack, subscribe → `count` next messages → "
            + "complete; documents mentioning `error` get an error", GraphqlDialogue::new, "graphql-transport-ws",
            "graphql-ws"),
    SOCKETIO("socketio", "?interval=1000&ping=5000", "Engine.IO v4 open packet, `40`, `42[\"tick\",n]` every "
            + "`interval` ms, ping `2` every `ping` ms; events echoed, acks answered", SocketIoDialogue::new);

    private final String name;
    private final String exampleSuffix;
    private final String description;
    private final Function<Dialogue.Peer, Dialogue> dialogue;
    private final List<String> subprotocols;

    DemoScenario(String name, String exampleSuffix, String description, Function<Dialogue.Peer, Dialogue> dialogue,
                 String... subprotocols) {
        this.name = name;
        this.exampleSuffix = exampleSuffix;
        this.description = description;
        this.dialogue = dialogue;
        this.subprotocols = List.of(subprotocols);
    }

    /** The request path that picks this scenario, e.g. {@code /ticker}. */
    public String path() {
        return "/" + name;
    }

    /** The path with a query, e.g. {@code path("rate=50")} is {@code /ticker?rate=50}; an empty query adds nothing. */
    public String path(String query) {
        return query.isEmpty() ? path() : path() + "?" + query;
    }

    /** The path with its parameters at their defaults, as the listing shows it (e.g. {@code /close/1000}). */
    public String example() {
        return path() + exampleSuffix;
    }

    public String description() {
        return description;
    }

    /** The scenario whose path is {@code /name}, exactly. */
    public static Optional<DemoScenario> byPath(String path) {
        return Arrays.stream(values()).filter(s -> s.path().equals(path)).findFirst();
    }

    /** The subprotocols this scenario speaks, most specific first (RFC 6455 §4.2.2: the server picks one). */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /** Every scenario's subprotocols, in the order of the registry. */
    static List<String> allSubprotocols() {
        return Arrays.stream(values()).flatMap(s -> s.subprotocols.stream()).toList();
    }

    Dialogue open(Dialogue.Peer peer) {
        return dialogue.apply(peer);
    }
}
