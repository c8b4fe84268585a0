package dev.framescope.bench;

/**
 * One decoder under test, fed read by read. Each read is first copied into the decoder's own input buffer, as a
 * socket read would fill it; that copy costs every decoder the same and lets decoders that work in place (Jetty
 * unmasks inside its input buffer) run on the same immutable reads.
 */
interface StreamDecoder {

    void decode(byte[][] reads, Sink sink) throws Exception;
}
