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
            new Scenario("/close/1000", "closes right after opening with the code in the path (e.g. 1001, 1008, 1011, 4000)"),
            new Scenario("/headers", "sends back, as one JSON text message, the request target and header fields it received (to check auth helpers and variables); then echoes; with `close=CODE` it closes after `echoes` (default 0) messages"),
            new Scenario("/chaos", "a scripted series of protocol violations written as raw bytes, one of each kind"));

    private DemoScenarios() {
    }
}
