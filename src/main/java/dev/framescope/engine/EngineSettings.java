package dev.framescope.engine;

/**
 * Process-wide engine settings, given by the engine's owner (from {@code AppOptions} in the application).
 *
 * @param libraryReadsEveryFrame hand the client every frame instead of sparing it the plain ones
 *                               ({@link PlainFrameBypass}); a comparison switch for benchmarks
 * @param strictOnLibrary        run Strict connections on Java-WebSocket's client instead of our driver
 *                               ({@code engine/driver}); a fallback and a comparison switch, off by default
 */
public record EngineSettings(boolean libraryReadsEveryFrame, boolean strictOnLibrary) {

    public static final EngineSettings DEFAULTS = new EngineSettings(false, false);

    public EngineSettings(boolean libraryReadsEveryFrame) {
        this(libraryReadsEveryFrame, false);
    }
}
