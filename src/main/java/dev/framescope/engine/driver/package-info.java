/**
 * Framescope's own WebSocket client protocol driver (RFC 6455 §4-§7, RFC 7692), built on {@code wire}.
 *
 * <p>{@link dev.framescope.engine.driver.ClientDriver} writes the upgrade request, then one read thread pumps the
 * engine's tapped socket: the tap records every byte, the dissector ({@code wire.StreamDissector}: FrameDecoder,
 * MessageAssembler with streaming UTF-8, permessage-deflate and per-frame deflate) decodes it once, and the driver
 * acts on exactly that decoding ({@link dev.framescope.engine.driver.InboundListener}): the 101 judged by
 * {@code HandshakeChecker} item by item, pings answered through the pong mode, the close handshake with its timeouts,
 * and — the policy — what a server's violation does. Strict fails the connection with the code the rule names
 * (1002/1007/1009) and a reason in words ({@link dev.framescope.engine.driver.CloseReasons}); Observe keeps
 * reading. Our frames leave through one {@link dev.framescope.engine.driver.WriteQueue} (ordered, batched,
 * back-pressure past 128 MiB) with masking keys from {@code SecureRandom}
 * ({@link dev.framescope.engine.driver.FrameWriter}).
 *
 * <p>Why a driver of our own, and for both modes (issue 14): Java-WebSocket refused legal servers
 * ({@code connection: keep-alive, Upgrade}, Accept padded with spaces), stopped at the first violation, and put Java
 * exception text on the wire as close reasons. Measured on the same build ({@code EndToEndBench}, docs/benchmarks.md),
 * receiving through our driver with the full capture ran at a median 1.4-8× a plain, uninstrumented Java-WebSocket client
 * (medians; 16 B to 64 KiB, binary and text), Jetty 12 interop passes in both modes, and a frame larger than the heap
 * is captured in chunks where the library held it whole. Java-WebSocket stays for the demo server and as an opt-in
 * fallback for Strict mode ({@code EngineSettings.strictOnLibrary}); see docs/architecture.md.
 */
package dev.framescope.engine.driver;
