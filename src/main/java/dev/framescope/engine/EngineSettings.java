package dev.framescope.engine;

/**
 * Process-wide engine settings, given by the engine's owner (from {@code AppOptions} in the application).
 *
 * @param libraryReadsEveryFrame hand Java-WebSocket every frame instead of sparing it the plain ones
 *                               ({@link PlainFrameBypass}); a comparison switch for benchmarks
 */
public record EngineSettings(boolean libraryReadsEveryFrame) {

    public static final EngineSettings DEFAULTS = new EngineSettings(false);
}
