package dev.framescope.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards DESIGN.md's layer arrows over every main source file: imports and fully qualified names in code alike,
 * comments and string literals aside. Each rule is also shown to fail on a synthetic bad source.
 */
class LayeringTest {

    private static final Path MAIN = Path.of("src/main/java/dev/framescope");

    @Test
    void everyLayerRefersOnlyToWhatDesignAllows() throws IOException {
        List<String> breaches = new ArrayList<>();
        Map<String, Integer> filesPerLayer = new TreeMap<>();
        try (Stream<Path> sources = Files.walk(MAIN)) {
            for (Path file : (Iterable<Path>) sources.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String layer = MAIN.relativize(file).getName(0).toString();
                filesPerLayer.merge(layer, 1, Integer::sum);
                LayerRules.breaches(layer, JavaSource.of(Files.readString(file)))
                        .forEach(b -> breaches.add(MAIN.relativize(file) + " " + b));
            }
        }
        assertTrue(filesPerLayer.keySet().containsAll(LayerRules.RULES.keySet()),
                "every ruled layer has sources: " + filesPerLayer);
        assertEquals(List.of(), breaches);
    }

    @Test
    void everyForbiddenNameIsCaughtAsAnImportAndInCode() {
        LayerRules.RULES.forEach((layer, rule) -> {
            for (String prefix : rule.forbidden()) {
                // a package prefix gets a sub-package and a type: a qualified name has two lower-case segments
                String type = prefix.endsWith(".") ? prefix + "sub.Some" : prefix;
                assertCaught(layer, "import " + type + ";\nclass X {}");
                assertCaught(layer, "class X { Object o = " + type + ".make(); }");
                assertCaught(layer, "class X { void f() { " + type + " x =\n        null; } }");
            }
        });
    }

    @Test
    void aFullyQualifiedCallInCodeIsCaughtEvenSplitAcrossLines() {
        assertCaught("engine", "class X { void f() { javafx.application.Platform.runLater(() -> { }); } }");
        assertCaught("cli", "class X { Object o = dev.framescope\n        .ui.live.LiveWindow.class; }");
        assertCaught("capture", "@org.java_websocket.Annotated class X {}");
    }

    @Test
    void wildcardImportsCountForThePackageTheyOpen() {
        assertCaught("wire", "import java.net.*;\nclass X {}");
        assertCaught("wire", "import java.io.*;\nclass X {}");
        assertTrue(LayerRules.breaches("wire", source("import java.util.*;\nclass X {}")).isEmpty());
    }

    @Test
    void thePureLayersReferOnlyToTheirAllowList() {
        for (String layer : List.of("wire", "decode")) {
            assertCaught(layer, "import com.example.Anything;\nclass X {}");
            assertCaught(layer, "class X { Object o = org.java_websocket.WebSocket.class; }");
            assertCaught(layer, "class X { Object o = dev.framescope.capture.CaptureLog.class; }");
        }
        assertCaught("wire", "import com.fasterxml.jackson.databind.JsonNode;\nclass X {}");
        for (String ok : List.of("com.fasterxml.jackson.databind.JsonNode", "com.fasterxml.jackson.dataformat.cbor"
                + ".CBORFactory", "org.msgpack.core.MessagePack", "com.google.protobuf.CodedInputStream",
                "javax.xml.parsers.DocumentBuilder", "org.xml.sax.SAXException", "dev.framescope.decode.Decoded")) {
            assertEquals(List.of(), LayerRules.breaches("decode", source("import " + ok + ";\nclass X {}")), ok);
        }
    }

    @Test
    void thePureLayersStartNoThreads() {
        for (String layer : List.of("wire", "decode")) {
            assertCaught(layer, "class X { void f() { new Thread(() -> { }).start(); } }");
            assertCaught(layer, "class X { Object e = Executors.newSingleThreadExecutor(); }");
            assertCaught(layer, "import java.util.concurrent.Executors;\nclass X {}");
        }
        assertEquals(List.of(), LayerRules.breaches("wire", source("class X { int threadCount; String t = "
                + "\"Thread\"; } // a Thread would not be deterministic")));
    }

    @Test
    void aLayerDoesNotUseItsOwnIoPackage() {
        for (String layer : List.of("engine", "capture")) {
            String io = "dev.framescope." + layer + ".io.";
            assertFalse(LayerRules.breaches(layer, JavaSource.of("package dev.framescope." + layer + ";\nimport " + io
                    + "SomeTree;\nclass X {}")).isEmpty(), layer);
            assertEquals(List.of(), LayerRules.breaches(layer, JavaSource.of("package dev.framescope." + layer
                    + ".io;\nimport " + io + "OtherTree;\nimport dev.framescope." + layer + ".Thing;\nclass X {}")));
        }
    }

    @Test
    void commentsAndLiteralsAreNotCode() {
        String quiet = "/** Unlike javafx.application.Platform.runLater, ... */\nclass X {\n"
                + "    // see org.java_websocket.WebSocket\n"
                + "    String a = \"javafx.scene.Node \\\" javafx.scene.Node\";\n"
                + "    char q = '\"';\n"
                + "    String b = \"\"\"\n        javafx.stage.Stage\n        \"\"\";\n"
                + "    /* dev.framescope.ui.Foo */ int n;\n}\n";
        assertEquals(List.of(), LayerRules.breaches("wire", source(quiet)));
        assertCaught("wire", quiet + "class Y { Object o = javafx.scene.Node.class; }");
        assertEquals(quiet.lines().count(), JavaSource.strip(quiet).lines().count(), "line breaks are kept");
    }

    private static JavaSource source(String body) {
        return JavaSource.of("package dev.framescope.x;\n" + body);
    }

    private static void assertCaught(String layer, String body) {
        List<String> breaches = LayerRules.breaches(layer, source(body));
        assertFalse(breaches.isEmpty(), layer + " should not accept:\n" + body);
    }
}
