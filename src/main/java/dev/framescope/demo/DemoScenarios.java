package dev.framescope.demo;

import java.util.List;

/** The demo endpoint's scenarios, by path: what the CLI prints and the GUI offers. */
public final class DemoScenarios {

    /** A path with a one-line description. */
    public record Scenario(String path, String description) {
    }

    public static final List<Scenario> ALL = List.of(
            new Scenario("/echo", "echoes every text and binary message"),
            new Scenario("/ticker?rate=10&size=80", "JSON ticks at `rate` per second (up to 50000), about `size` bytes each; `count` stops after that many"),
            new Scenario("/fragmented", "a text and a binary message in fragments, with a ping between fragments; again on each message you send"),
            new Scenario("/compressed", "permessage-deflate (offer it): compressible JSON now and on each message you send, echoed back"),
            new Scenario("/heartbeat?interval=1000&pongDelay=0", "the server pings every `interval` ms and answers your pings after `pongDelay` ms"),
            new Scenario("/idle?timeout=3000", "closes with 1001 'idle timeout' after `timeout` ms without a frame from you (message, ping or pong); `reset=1` drops TCP with a reset instead, as a proxy might; `ping=N` pings you every N ms (your pongs keep it open)"),
            new Scenario("/close/1000", "closes right after opening with the code in the path (e.g. 1001, 1008, 1011, 4000)"),
            new Scenario("/encodings", "one order as JSON (text), MessagePack, CBOR and Protocol Buffers (binary); again on each message you send"),
            new Scenario("/headers", "sends back, as one JSON text message, the request target and header fields it received (to check auth helpers and variables); then echoes; with `close=CODE` it closes after `echoes` (default 0) messages"),
            new Scenario("/chaos", "a scripted series of protocol violations written as raw bytes, one of each kind"),
            new Scenario("/stomp", "a STOMP 1.2 broker (offer `v12.stomp`): CONNECTED, RECEIPT, a few MESSAGE frames per SUBSCRIBE, SEND delivered to subscribers"),
            new Scenario("/mqtt", "an MQTT 3.1.1 / 5.0 broker (offer `mqtt`): CONNACK, SUBACK then `count` PUBLISH packets, PUBACK, PINGRESP"),
            new Scenario("/jsonrpc?notify=2000", "JSON-RPC 2.0: add, subtract, echo, slow (answers later), fail (error); unknown methods get -32601; a tick notification every `notify` ms"),
            new Scenario("/graphql", "graphql-transport-ws (offer it): connection_ack, subscribe → `count` next messages → complete; documents mentioning `error` get an error"),
            new Scenario("/socketio?interval=1000&ping=5000", "Engine.IO v4 open packet, `40`, `42[\"tick\",n]` every `interval` ms, ping `2` every `ping` ms; events echoed, acks answered"));

    private DemoScenarios() {
    }
}
