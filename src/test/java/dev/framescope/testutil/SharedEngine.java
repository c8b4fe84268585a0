package dev.framescope.testutil;

import dev.framescope.engine.Engine;
import dev.framescope.engine.EngineSettings;

/** One real-time engine for the test classes that only need connections (the JVM's exit ends its threads). */
public final class SharedEngine {

    private static final Engine ENGINE = Engine.start(EngineSettings.DEFAULTS);

    private SharedEngine() {
    }

    public static Engine get() {
        return ENGINE;
    }
}
