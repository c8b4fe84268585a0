package dev.framescope.bench;

import org.openjdk.jmh.infra.Blackhole;

/** Receives every decoded frame's payload; counts what it saw so a setup run can check the decoder. */
final class Sink {

    private final Blackhole blackhole;
    long frames;
    long payloadBytes;

    Sink(Blackhole blackhole) {
        this.blackhole = blackhole;
    }

    void payload(Object payload, int length) {
        blackhole.consume(payload);
        frames++;
        payloadBytes += length;
    }
}
