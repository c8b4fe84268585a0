package dev.framescope.engine.spi;

import java.util.Optional;
import org.java_websocket.extensions.DefaultExtension;
import org.java_websocket.extensions.IExtension;

/** The example of the extension SPI: offers "x-framescope-example" and describes payloads by their length. */
public final class ExampleExtensionProvider implements ExtensionProvider {

    @Override
    public String name() {
        return "x-framescope-example";
    }

    @Override
    public Optional<IExtension> forOffer(String offer) {
        return offer.startsWith(name()) ? Optional.of(new Example(offer)) : Optional.empty();
    }

    @Override
    public Optional<String> describe(byte[] payload) {
        return Optional.of("example: " + payload.length + " bytes");
    }

    /** Offers itself; accepts the server's acceptance of it. */
    static final class Example extends DefaultExtension {
        private final String offer;

        Example(String offer) {
            this.offer = offer;
        }

        @Override
        public String getProvidedExtensionAsClient() {
            return offer;
        }

        @Override
        public IExtension copyInstance() {
            return new Example(offer);
        }
    }
}
