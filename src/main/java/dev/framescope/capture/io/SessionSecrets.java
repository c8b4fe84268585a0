package dev.framescope.capture.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Secrets;
import dev.framescope.capture.SetupTree;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The optional fields of a session file's connection line that version 1 files written before auth helpers lack
 * (they load as before): {@code setup} — the connection's template and environment, secret values left out unless
 * kept — and {@code redact} — the header and query names (always) and secret values (only when kept) that exports
 * of this connection must hide, so that exporting a file saved with secrets kept still redacts them.
 */
final class SessionSecrets {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SessionSecrets() {
    }

    static void write(ObjectNode line, CaptureLog log, boolean keepSecrets) {
        Map<String, Object> setup = log.setup().tree(keepSecrets);
        if (!setup.isEmpty()) {
            JsonNode tree = MAPPER.valueToTree(setup);
            line.set("setup", keepSecrets ? tree : hideValues(tree, log.secrets()));
        }
        Secrets secrets = keepSecrets ? log.secrets() : log.secrets().namesOnly();
        if (!secrets.isEmpty()) {
            ObjectNode redact = line.putObject("redact");
            strings(redact.putArray("headers"), secrets.headerNames());
            strings(redact.putArray("query"), secrets.queryNames());
            if (keepSecrets) {
                strings(redact.putArray("values"), secrets.values());
            }
        }
    }

    /** Every string in the tree with secret values masked: a safety net under the setup's own omissions. */
    private static JsonNode hideValues(JsonNode node, Secrets secrets) {
        if (node.isTextual()) {
            return TextNode.valueOf(Redactor.text(node.asText(), secrets));
        }
        if (node.isObject()) {
            ObjectNode copy = MAPPER.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), hideValues(e.getValue(), secrets)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = MAPPER.createArrayNode();
            node.forEach(e -> copy.add(hideValues(e, secrets)));
            return copy;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static void read(JsonNode line, CaptureLog log) {
        if (line.path("setup").isObject()) {
            log.setSetup(SetupTree.of(MAPPER.convertValue(line.path("setup"), Map.class)));
        }
        JsonNode redact = line.path("redact");
        if (redact.isObject()) {
            log.learn(new Secrets(strings(redact.path("headers")), strings(redact.path("query")),
                    strings(redact.path("values"))));
        }
    }

    private static void strings(ArrayNode array, Set<String> values) {
        values.stream().sorted().forEach(array::add);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
