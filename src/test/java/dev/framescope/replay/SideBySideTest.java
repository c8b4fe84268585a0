package dev.framescope.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.io.ConnectionSetup;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The side-by-side layout of a replay's pair: lines by JSONPath, differences and ignored fields marked. */
class SideBySideTest {

    private static Content text(String s) {
        return Content.of(true, s.getBytes(StandardCharsets.UTF_8), false);
    }

    private static ReplayResult result(String recorded, String replayed, List<JsonMask> masks) {
        Recording.Recorded ours = new Recording.Recorded(0, 1, text("{\"q\":1}"), 0);
        Recording rec = new Recording(1, "ws://127.0.0.1:1/", ConnectionSetup.of(ConnectionSpec.to(
                "ws://127.0.0.1:1/")), List.of(ours), List.of(new Recording.Recorded(0, 2, text(recorded), 0)),
                Optional.empty(), "", false, false);
        List<Content> got = List.of(text(replayed));
        return new ReplayResult("ws://127.0.0.1:1/", rec, 1, got,
                Pairing.pair(List.of(text(recorded)), got, Correlation.NONE, masks), List.of());
    }

    private static List<String> marked(List<SideBySide.Line> lines, SideBySide.Mark mark) {
        return lines.stream().filter(l -> l.mark() == mark).map(l -> "  ".repeat(l.depth()) + l.text()).toList();
    }

    @Test
    void theLinesAtADifferencesPathAreMarkedOnBothSidesAndNothingElse() {
        ReplayResult r = result("{\"a\":{\"b\":5,\"c\":[1,2]},\"t\":9}", "{\"t\":9,\"a\":{\"b\":6,\"c\":[1,2]}}",
                List.of());
        Outcome o = r.outcomes().get(0);
        assertEquals(List.of("    \"b\": 5,"), marked(SideBySide.recorded(r, o, List.of()), SideBySide.Mark.DIFFERS));
        assertEquals(List.of("    \"b\": 6,"), marked(SideBySide.replayed(r, o, List.of()), SideBySide.Mark.DIFFERS));
        assertEquals("$.a.c[1]", SideBySide.recorded(r, o, List.of()).get(5).path());
    }

    @Test
    void aMemberOnlyOneSideHasIsMarkedThereWithItsWholeValue() {
        ReplayResult r = result("{\"a\":1}", "{\"a\":1,\"extra\":{\"x\":true}}", List.of());
        Outcome o = r.outcomes().get(0);
        assertEquals(List.of(), marked(SideBySide.recorded(r, o, List.of()), SideBySide.Mark.DIFFERS));
        assertEquals(List.of("  \"extra\": {", "    \"x\": true", "  }"),
                marked(SideBySide.replayed(r, o, List.of()), SideBySide.Mark.DIFFERS));
    }

    @Test
    void ignoredFieldsAreMarkedAsSuchAndAMissingMessageHasOneSide() {
        List<JsonMask> masks = List.of(JsonMask.parse("$.id"));
        ReplayResult r = result("{\"id\":1,\"v\":2}", "{\"id\":7,\"v\":2}", masks);
        Outcome o = r.outcomes().get(0);
        assertEquals(Outcome.Verdict.SAME, o.verdict());
        assertEquals(List.of("  \"id\": 1,"), marked(SideBySide.recorded(r, o, masks), SideBySide.Mark.IGNORED));
        Outcome missing = new Outcome(Outcome.Verdict.MISSING, OptionalInt.of(0),
                OptionalInt.empty(), Optional.empty(), List.of(), "", "");
        assertEquals(List.of(), SideBySide.replayed(r, missing, masks));
        assertEquals(4, marked(SideBySide.recorded(r, missing, masks), SideBySide.Mark.DIFFERS).size());
    }
}
