package dev.framescope.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PluralTest {

    @Test
    void oneIsSingularEverythingElsePluralWithGrouping() {
        assertEquals("1 message", Plural.of(1, "message"));
        assertEquals("0 messages", Plural.of(0, "message"));
        assertEquals("1,024 frames", Plural.of(1024, "frame"));
        assertEquals("2 replies", Plural.of(2, "reply", "replies"));
    }
}
