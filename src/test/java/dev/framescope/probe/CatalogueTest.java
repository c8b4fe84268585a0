package dev.framescope.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.wire.Violation;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalogue has Autobahn's case numbers and expectations (autobahntestsuite/case/*.py). */
class CatalogueTest {

    private final Catalogue catalogue = Catalogue.standard();

    private ProbeCase get(String id) {
        return catalogue.entries().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow().build().get();
    }

    @Test
    void countsPerCategoryAreAutobahns() {
        Map<String, Long> counts = catalogue.entries().stream()
                .collect(Collectors.groupingBy(Catalogue.Entry::category, TreeMap::new, Collectors.counting()));
        // 6.*: 13 written out plus 132 from the 19 groups of UTF-8 sequences (6.5-6.23); 7.*: 6+6+1+13+9+2.
        // 12.*: 5 payload kinds × 18 sizes; 13.*: 7 parameter sets × 18 sizes; 20.*: ours.
        assertEquals(Map.ofEntries(Map.entry("1", 16L), Map.entry("2", 11L), Map.entry("3", 7L),
                Map.entry("4", 10L), Map.entry("5", 20L), Map.entry("6", 145L), Map.entry("7", 37L),
                Map.entry("9", 54L), Map.entry("10", 1L), Map.entry("12", 90L), Map.entry("13", 126L),
                Map.entry("20", 10L)), counts);
        assertEquals(247 + 10, catalogue.select(CaseSelection.defaults()).size());
    }

    @Test
    void idsAreUniqueAndInNumericOrder() {
        List<String> ids = catalogue.entries().stream().map(Catalogue.Entry::id).toList();
        assertEquals(ids.size(), ids.stream().distinct().count());
        assertTrue(ids.indexOf("6.9.1") < ids.indexOf("6.10.1"), "6.9 before 6.10");
        assertTrue(ids.indexOf("1.1.8") < ids.indexOf("1.2.1"));
        assertEquals("20.3.2", ids.get(ids.size() - 1));
    }

    /** Every grade cites its clause: each case names one, as we write it or as its violation does (RFC6455-8.1). */
    @Test
    void everyCaseCitesAnRfcClause() {
        // 9.*, 12.* and 13.* share their clause within a group: the first case of each stands for it (building
        // all of them means megabytes of payload).
        List<String> uncited = catalogue.entries().stream()
                .filter(e -> !List.of("9", "12", "13").contains(e.category()) || e.id().matches("\\d+\\.\\d+\\.1"))
                .map(e -> e.build().get())
                .filter(c -> !c.rfc().matches("RFC (6455|7692) §[\\d.]+(, §[\\d.]+)*|RFC(6455|7692)-[\\d.]+"))
                .map(c -> c.id() + " '" + c.rfc() + "'").toList();
        assertEquals(List.of(), uncited);
        assertEquals("RFC6455-8.1", get("6.3.1").rfc());
        assertEquals(Violation.INVALID_UTF8, get("6.3.1").rule().orElseThrow());
        assertEquals(Violation.UNMASKED_CLIENT_FRAME, get("20.3.1").rule().orElseThrow());
    }

    @Test
    void utf8SequencesKeepAutobahnsNumbersAndVerdicts() {
        // 6.5.1 is the first sequence group's first entry (hello$world), 6.23.7 the last special (EF BF BF).
        assertEquals(List.of(Received.text("hello$world")), get("6.5.1").expectedOk());
        assertTrue(get("6.23.7").close().closedByMe());
        // 6.6.*: the prefixes of κόσμε; 6.6.1 (CE alone) is invalid, 6.6.2 (κ) valid.
        assertFalse(get("6.6.1").close().closedByMe());
        assertTrue(get("6.6.2").close().closedByMe());
        assertEquals(11, catalogue.entries().stream().filter(e -> e.id().startsWith("6.6.")).count());
        // 6.22.*: 34 non-characters, all valid; 6.21.8 the last paired surrogate, invalid with 1007.
        assertEquals(34, catalogue.entries().stream().filter(e -> e.id().startsWith("6.22.")).count());
        assertEquals(List.of(1007), get("6.21.8").close().codes());
        assertEquals(Violation.INVALID_UTF8, get("6.21.8").rule().orElseThrow());
    }

    @Test
    void expectationsFollowTheCaseFiles() {
        ProbeCase rsv2 = get("3.2");
        assertEquals(List.of(Received.text("Hello, world!")), rsv2.expected().get(Verdict.OK));
        assertEquals(List.of(), rsv2.expected().get(Verdict.NON_STRICT));
        assertEquals(List.of(1002), rsv2.close().codes());
        assertFalse(rsv2.close().closedByMe());
        assertEquals(List.of(Received.timeout("A")), get("6.4.1").expected().get(Verdict.OK));
        assertEquals(List.of(1000, 4999), get("7.7.13").close().codes());
        assertEquals(List.of(1002), get("7.9.1").close().codes());
        assertEquals(ProbeCase.Grading.INFORMATIONAL, get("7.13.2").grading());
        assertEquals(10, get("2.10").expectedOk().size());
        assertTrue(get("9.8.6").id().equals("9.8.6"), "9.* is built on demand");
    }

    @Test
    void deflateCasesOfferAutobahnsParameterSets() {
        assertEquals(List.of(DeflateCases.DEFAULT_OFFER), get("12.3.1").offers());
        assertEquals(3, get("13.7.18").offers().size());
        assertTrue(get("13.5.1").offers().get(0).endsWith("server_no_context_takeover; server_max_window_bits=9"));
        ProbeCase c = get("12.1.1");
        assertEquals(1000, c.expectedOk().size());
        assertEquals(16, c.expectedOk().get(0).length());
        assertEquals(ProbeCase.Grading.NEEDS_DEFLATE, c.grading());
        assertEquals(194_056, Corpus.JSON.bytes().length, "sizes as Autobahn's files");
        // MSG_SIZES in case12_x_x.py: 10 whole sizes, then 8 auto-fragmented (12.x.11-18, 13.x.11-18).
        assertEquals(new Step.CorpusRoundtrips(Corpus.BITMAP, 8192, 1000, 256), get("12.2.11").steps().get(0));
        assertEquals(new Step.CorpusRoundtrips(Corpus.DOCUMENT, 131072, 1000, 32768),
                get("12.5.18").steps().get(0));
        assertEquals(new Step.CorpusRoundtrips(Corpus.JSON, 131072, 1000, 1024), get("13.6.16").steps().get(0));
        assertEquals(new Step.CorpusRoundtrips(Corpus.JSON, 131072, 1000, 0), get("13.6.10").steps().get(0));
    }
}
