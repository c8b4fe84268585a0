package dev.framescope.engine.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.engine.Extensions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExtensionProviderTest {

    @Test
    void serviceLoaderFindsTheExampleAndItHandlesItsOffer() {
        List<ExtensionProvider> providers = Extensions.providers();
        ExtensionProvider example = providers.stream().filter(p -> p.name().equals("x-framescope-example"))
                .findFirst().orElseThrow();
        assertTrue(example.forOffer("x-framescope-example; level=2").isPresent());
        assertEquals(Optional.empty(), example.forOffer("permessage-deflate"));
        assertEquals(Optional.of("example: 3 bytes"), example.describe(new byte[3]));
        assertEquals("x-framescope-example; level=2",
                example.forOffer("x-framescope-example; level=2").orElseThrow().getProvidedExtensionAsClient());
    }
}
