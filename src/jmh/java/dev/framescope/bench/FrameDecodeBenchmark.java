package dev.framescope.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Frame decoders on the same pre-encoded streams: {@value #FRAMES} binary frames per invocation, fed in
 * {@value FrameStreams#READ_SIZE}-byte reads that cut frames (and headers) anywhere. Scores are frames per second.
 *
 * <p>{@code masked=true}: client-to-server frames decoded in the server role; {@code masked=false}: server-to-client
 * frames decoded in the client role. Every decoder delivers each frame whole and hands its payload to a Blackhole.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FrameDecodeBenchmark {

    /** Frames per invocation; a constant so that {@code @OperationsPerInvocation} makes the score per frame. */
    static final int FRAMES = 1024;

    @Param({"16", "1024", "65536"})
    int size;

    @Param({"true", "false"})
    boolean masked;

    @Param({"framescope", "javawebsocket", "jetty", "netty"})
    String decoder;

    private byte[][] reads;
    private StreamDecoder streamDecoder;
    private Sink sink;

    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) throws Exception {
        reads = FrameStreams.reads(FrameStreams.encode(FRAMES, size, masked));
        streamDecoder = create(decoder, masked);
        sink = new Sink(blackhole);
        checkDecodesEveryFrame();
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void decode() throws Exception {
        streamDecoder.decode(reads, sink);
    }

    private void checkDecodesEveryFrame() throws Exception {
        streamDecoder.decode(reads, sink);
        if (sink.frames != FRAMES || sink.payloadBytes != (long) FRAMES * size) {
            throw new IllegalStateException(decoder + " decoded " + sink.frames + " frames, "
                    + sink.payloadBytes + " payload bytes; expected " + FRAMES + " frames of " + size);
        }
    }

    private static StreamDecoder create(String decoder, boolean masked) {
        switch (decoder) {
            case "framescope":
                return new FramescopeDecoder(masked);
            case "javawebsocket":
                return new JavaWebSocketDecoder(masked);
            case "jetty":
                return new JettyDecoder();
            case "netty":
                return new NettyDecoder(masked);
            default:
                throw new IllegalArgumentException("unknown decoder: " + decoder);
        }
    }
}
