package dev.framescope.engine.spi;

import java.util.Optional;
import org.java_websocket.extensions.IExtension;

/**
 * Adds a WebSocket extension to Framescope from a user's jar: list the implementation in
 * {@code META-INF/services/dev.framescope.engine.spi.ExtensionProvider}. The extension offers itself, transforms
 * frames both ways, and may describe its frames for display.
 */
public interface ExtensionProvider {

    /** The extension token, e.g. {@code x-my-extension}. */
    String name();

    /** An extension instance for this offer string when this provider handles it. */
    Optional<IExtension> forOffer(String offer);

    /** A one-line description of a frame payload this extension produced, for the detail views. */
    default Optional<String> describe(byte[] payload) {
        return Optional.empty();
    }
}
