package dev.framescope.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * XML as a tree: an element becomes an object of its attributes ({@code @name}), its child elements by name
 * (repeated names become an array) and its text ({@code #text}); an element with only text becomes that text.
 * <p>
 * Parsed with the JDK's SAX parser set up for hostile input: any DOCTYPE is refused, so there are no DTDs, no
 * entity expansion (billion laughs) and no external entities (XXE) — nothing is ever fetched or read from disk.
 * Streaming keeps the elements read before an error.
 */
final class XmlDecoder implements PayloadDecoder {

    static final String ID = "xml";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "XML";
    }

    /** Well-formed XML starting with '<': 80 in a text frame, 60 in a binary one; anything else 0. */
    @Override
    public int detect(DecodeInput input) {
        return detection(input).score();
    }

    @Override
    public Detection detection(DecodeInput input) {
        int first = JsonDecoder.firstNonSpace(input.bytes());
        if (first < 0 || input.bytes()[first] != '<') {
            return Detection.of(0);
        }
        Decoded d = decode(input);
        return d.complete() ? Detection.of(input.text() ? 80 : 60, d) : Detection.of(0);
    }

    @Override
    public Decoded decode(DecodeInput input) {
        byte[] b = input.bytes();
        TreeBuilder builder = new TreeBuilder();
        try {
            SAXParser parser = secureFactory().newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            parser.parse(new InputSource(new ByteArrayInputStream(b)), builder);
            return Trees.ok(ID, builder.root, "root element <" + builder.rootName + ">");
        } catch (SAXParseException e) {
            long at = byteOffset(b, e.getLineNumber(), e.getColumnNumber());
            String reason = e.getMessage() != null && e.getMessage().contains("DOCTYPE")
                    ? "DOCTYPE refused: Framescope reads no DTDs and expands no entities (" + e.getMessage() + ")"
                    : e.getMessage();
            return Trees.stopped(ID, builder.root, "incomplete", new DecodeFailure(at, reason));
        } catch (SAXException | IOException | ParserConfigurationException | RuntimeException e) {
            long at = builder.locator == null ? 0
                    : byteOffset(b, builder.locator.getLineNumber(), builder.locator.getColumnNumber());
            return Trees.stopped(ID, builder.root, "incomplete", new DecodeFailure(at, e.getMessage()));
        }
    }

    private static SAXParserFactory secureFactory() throws ParserConfigurationException, SAXException {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory;
    }

    /** SAX reports 1-based line and column (in characters); the failure wants a byte offset (UTF-8 assumed). */
    static long byteOffset(byte[] b, int line, int column) {
        if (line < 1) {
            return 0;
        }
        String text = new String(b, StandardCharsets.UTF_8);
        int index = 0;
        for (int l = 1; l < line && index < text.length(); index++) {
            if (text.charAt(index) == '\n') {
                l++;
            }
        }
        index = Math.min(text.length(), index + Math.max(0, column - 1));
        return Math.min(b.length, text.substring(0, index).getBytes(StandardCharsets.UTF_8).length);
    }

    private static final class TreeBuilder extends DefaultHandler {

        private record Open(ObjectNode parent, String name, ObjectNode node, StringBuilder text) {
        }

        final ObjectNode root = Trees.NODES.objectNode();
        String rootName = "";
        Locator locator;
        private final Deque<Open> open = new ArrayDeque<>();

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes)
                throws SAXException {
            if (open.size() >= Trees.MAX_DEPTH) {
                throw new SAXParseException(Trees.tooDeep(), locator);
            }
            ObjectNode node = Trees.NODES.objectNode();
            for (int i = 0; i < attributes.getLength(); i++) {
                node.put("@" + attributes.getQName(i), attributes.getValue(i));
            }
            ObjectNode parent = open.isEmpty() ? root : open.peek().node();
            if (open.isEmpty()) {
                rootName = qName;
            }
            add(parent, qName, node);
            open.push(new Open(parent, qName, node, new StringBuilder()));
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!open.isEmpty()) {
                open.peek().text().append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            Open done = open.pop();
            String text = done.text().toString().strip();
            if (text.isEmpty()) {
                return;
            }
            if (done.node().isEmpty()) {
                replace(done.parent(), done.name(), done.node(), Trees.NODES.textNode(text));
            } else {
                done.node().put("#text", text);
            }
        }

        private static void add(ObjectNode parent, String name, JsonNode node) {
            JsonNode existing = parent.get(name);
            if (existing == null) {
                parent.set(name, node);
            } else if (existing.isArray()) {
                ((ArrayNode) existing).add(node);
            } else {
                ArrayNode list = parent.putArray(name);
                list.add(existing);
                list.add(node);
            }
        }

        /** An element that turned out to hold only text is shown as that text, wherever it was attached. */
        private static void replace(ObjectNode parent, String name, JsonNode was, JsonNode now) {
            JsonNode slot = parent.get(name);
            if (slot == was) {
                parent.set(name, now);
            } else if (slot instanceof ArrayNode list) {
                for (int i = list.size() - 1; i >= 0; i--) {
                    if (list.get(i) == was) {
                        list.set(i, now);
                        return;
                    }
                }
            }
        }
    }
}
