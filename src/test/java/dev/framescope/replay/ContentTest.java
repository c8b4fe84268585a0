package dev.framescope.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison: JSON by structure, masks in the JSONPath subset, STOMP frames as trees, bytes exactly. */
class ContentTest {

    private static Content text(String s) {
        return Content.of(true, s.getBytes(StandardCharsets.UTF_8), false);
    }

    private static List<Difference> diff(String recorded, String replayed, String... masks) {
        return text(recorded).compare(text(replayed), List.of(masks).stream().map(JsonMask::parse).toList());
    }

    @Test
    void jsonIgnoresMemberOrderAndComparesNumbersAsNumbers() {
        assertEquals(List.of(), diff("{\"a\":1,\"b\":[1.0,2]}", "{\"b\":[1,2.00],\"a\":1e0}"));
    }

    @Test
    void aChangedFieldIsNamedByItsPath() {
        List<Difference> d = diff("{\"result\":{\"sum\":5},\"id\":1}", "{\"id\":1,\"result\":{\"sum\":6}}");
        assertEquals(List.of(new Difference("$.result.sum", "5", "6")), d);
    }

    @Test
    void aMissingAndAnExtraMemberAreBothListed() {
        List<Difference> d = diff("{\"a\":1,\"b\":2}", "{\"a\":1,\"c\":3}");
        assertEquals(List.of(new Difference("$.b", "2", Difference.ABSENT),
                new Difference("$.c", Difference.ABSENT, "3")), d);
    }

    @Test
    void masksRemoveMembersAtAPathInEveryElementAndAtAnyDepth() {
        assertEquals(List.of(), diff("{\"id\":1,\"x\":2}", "{\"id\":9,\"x\":2}", "$.id"));
        assertEquals(List.of(), diff("{\"items\":[{\"t\":1,\"v\":1},{\"t\":2,\"v\":2}]}",
                "{\"items\":[{\"t\":8,\"v\":1},{\"t\":9,\"v\":2}]}", "$.items[*].t"));
        assertEquals(List.of(), diff("{\"a\":{\"id\":1,\"b\":[{\"id\":2}]}}", "{\"a\":{\"id\":3,\"b\":[{\"id\":4}]}}",
                "$..id"));
        assertEquals(List.of(), diff("[1,{\"ts\":5}]", "[1,{\"ts\":6}]", "$[1].ts"));
        assertEquals(1, diff("{\"id\":1,\"x\":2}", "{\"id\":1,\"x\":3}", "$.id").size());
    }

    @Test
    void anUnsupportedPathIsRefusedWithTheSupportedForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonMask.parse("$.items[?(@.a)]"));
        assertTrue(e.getMessage().contains("$..id"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonMask.parse("id"));
        assertThrows(IllegalArgumentException.class, () -> JsonMask.parse("$"));
    }

    @Test
    void textThatIsNotJsonIsComparedByteForByte() {
        assertEquals(List.of(), diff("hello", "hello"));
        List<Difference> d = diff("hello", "help!");
        assertEquals("byte 3", d.get(0).where());
    }

    @Test
    void textAgainstBinaryIsATypeDifference() {
        Content bin = Content.of(false, new byte[]{1, 2}, false);
        assertEquals("type", text("{}").compare(bin, List.of()).get(0).where());
        assertEquals(List.of(), bin.compare(Content.of(false, new byte[]{1, 2}, false), List.of()));
        assertEquals("byte 1", bin.compare(Content.of(false, new byte[]{1, 3}, false), List.of()).get(0).where());
    }

    @Test
    void stompFramesAreComparedAsCommandHeadersAndBody() {
        Content a = Content.of(true, "MESSAGE\nsession:1\nid:4\n\n{\"n\":1}\0".getBytes(StandardCharsets.UTF_8), true);
        Content b = Content.of(true, "MESSAGE\nid:4\nsession:2\n\n{\"n\":1.0}\0".getBytes(StandardCharsets.UTF_8),
                true);
        assertEquals(List.of(new Difference("$.headers.session", "\"1\"", "\"2\"")), a.compare(b, List.of()));
        assertEquals(List.of(), a.compare(b, List.of(JsonMask.parse("$.headers.session"))));
    }
}
