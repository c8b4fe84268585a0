package dev.framescope.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExtensionHeaderTest {

    @Test
    void severalExtensionsAndSeveralOffersOfOne() {
        ExtensionHeader.Parsed p = ExtensionHeader.parse(
                "permessage-deflate; client_max_window_bits; server_max_window_bits=10, permessage-deflate,"
                        + " x-webkit-deflate-frame ;no_context_takeover , foo; bar=\"baz\"");
        assertTrue(p.ok(), p.findings().toString());
        assertEquals(4, p.offers().size());
        assertEquals(List.of(ExtensionOffer.param("client_max_window_bits"),
                ExtensionOffer.param("server_max_window_bits", "10")), p.offers().get(0).params());
        assertEquals(List.of(), p.offers().get(1).params());
        assertEquals("x-webkit-deflate-frame; no_context_takeover", p.offers().get(2).toHeaderValue());
        assertEquals(Optional.of("baz"), p.offers().get(3).params().get(0).value());
    }

    @Test
    void quotedValuesWithEscapesAndSeveralHeaderLines() {
        ExtensionHeader.Parsed p = ExtensionHeader.parse(List.of("a; x=\"1\\0\"", "b"));
        assertTrue(p.ok(), p.findings().toString());
        assertEquals(Optional.of("10"), p.offers().get(0).params().get(0).value());
        assertEquals("b", p.offers().get(1).name());
    }

    @Test
    void emptyListElementsAreTolerated() {
        ExtensionHeader.Parsed p = ExtensionHeader.parse(" , permessage-deflate ,, ");
        assertTrue(p.ok());
        assertEquals(1, p.offers().size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "permessage-deflate; x=\"unterminated | unterminated quoted string",
        "; foo | expected an extension name",
        "a;; b | expected a parameter name",
        "a; b= | expected a value",
        "a; b=\"c d\" | must be a token",
        "a b | expected ';' or ','",
        "a; b=c@d | expected ';' or ','"})
    void malformedHeadersAreFindingsWithAPosition(String header, String problem) {
        ExtensionHeader.Parsed p = ExtensionHeader.parse(header);
        assertEquals(1, p.findings().size(), header);
        Finding f = p.findings().get(0);
        assertEquals(Violation.EXTENSION_HEADER_MALFORMED, f.violation());
        assertTrue(f.detail().contains(problem) && f.detail().contains("at character"), f.detail());
    }

    @Test
    void deflateParametersAreValidated() {
        ExtensionOffer bad = ExtensionHeader.parse(
                "permessage-deflate; server_max_window_bits=16; client_no_context_takeover=1; client_no_context_takeover;"
                        + " mystery").offers().get(0);
        List<Finding> findings = DeflateParams.from(bad, false).findings();
        assertEquals(4, findings.size(), findings.toString());
        assertTrue(findings.stream().allMatch(f -> f.violation() == Violation.DEFLATE_PARAM_INVALID));
        ExtensionOffer response = ExtensionHeader.parse("permessage-deflate; client_max_window_bits").offers().get(0);
        assertEquals(1, DeflateParams.from(response, true).findings().size());
    }

    @Test
    void aResponseParameterTheOfferDidNotAllowIsNotOffered() {
        List<ExtensionOffer> offers = ExtensionHeader.parse(
                "permessage-deflate; server_max_window_bits=10, permessage-deflate").offers();
        NegotiatedDeflate second = DeflateNegotiation.check(offers,
                ExtensionHeader.parse("permessage-deflate; server_no_context_takeover").offers().get(0));
        assertEquals(1, second.offerIndex());
        assertEquals(List.of(), second.findings());
        NegotiatedDeflate refused = DeflateNegotiation.check(offers,
                ExtensionHeader.parse("permessage-deflate; client_max_window_bits=12").offers().get(0));
        assertEquals(-1, refused.offerIndex());
        assertEquals(Violation.DEFLATE_PARAM_NOT_OFFERED, refused.findings().get(0).violation());
    }
}
