package dev.framescope.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CaseSelectionTest {

    @Test
    void patternsIncludeAndExclude() {
        CaseSelection s = CaseSelection.parse("1.*,6.4.*,!1.2.*");
        assertTrue(s.includes("1.1.8"));
        assertFalse(s.includes("1.2.1"));
        assertTrue(s.includes("6.4.3"));
        assertFalse(s.includes("6.41.1"), "6.4.* is 6.4 and below, not 6.41");
        assertFalse(s.includes("2.1"));
    }

    @Test
    void onlyExclusionsApplyToTheDefault() {
        CaseSelection s = CaseSelection.parse("!6.*");
        assertTrue(s.includes("7.7.1"));
        assertFalse(s.includes("6.2.1"));
        assertFalse(s.includes("9.1.1"), "9.* runs only when named");
        assertTrue(CaseSelection.parse("9.*").includes("9.1.1"));
    }

    @Test
    void aWrongPatternIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CaseSelection.parse("1.*,six"));
        assertEquals("'six' is not a case pattern: write 1.*, 6.4.*, 7.7.1 or !9.*", e.getMessage());
    }
}
