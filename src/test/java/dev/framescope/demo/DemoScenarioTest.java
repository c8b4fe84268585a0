package dev.framescope.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.wire.Opcode;
import dev.framescope.wire.Violation;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The scenario registry and the chaos script, without a server. */
class DemoScenarioTest {

    @Test
    void everyListedExampleParsesBackToItsScenario() {
        for (DemoScenario s : DemoScenario.values()) {
            assertEquals(s, ScenarioRequest.parse(s.example()).orElseThrow().kind(), s.example());
        }
    }

    @Test
    void pathsAreDistinctAndQueriesAppend() {
        Set<String> paths = Arrays.stream(DemoScenario.values()).map(DemoScenario::path).collect(Collectors.toSet());
        assertEquals(DemoScenario.values().length, paths.size());
        assertEquals("/ticker?rate=50", DemoScenario.TICKER.path("rate=50"));
        assertEquals("/echo", DemoScenario.ECHO.path(""));
    }

    @Test
    void theServerAcceptsEachScenariosSubprotocolsMostSpecificFirst() {
        assertEquals(List.of("v12.stomp", "v11.stomp", "v10.stomp", "mqtt", "graphql-transport-ws", "graphql-ws"),
                DemoScenario.allSubprotocols());
        assertEquals(List.of("mqtt"), DemoScenario.MQTT.subprotocols());
        assertEquals(List.of(), DemoScenario.ECHO.subprotocols());
    }

    @Test
    void rootIsEchoCloseNeedsACodeAndUnknownPathsAreRefused() {
        assertEquals(DemoScenario.ECHO, ScenarioRequest.parse("/").orElseThrow().kind());
        assertEquals(4000, ScenarioRequest.parse("/close/4000?x=1").orElseThrow().param("code", 0));
        assertTrue(ScenarioRequest.parse("/close").isEmpty());
        assertTrue(ScenarioRequest.parse("/nope").isEmpty());
        assertTrue(ScenarioRequest.parse("/ECHO").isEmpty());
    }

    @Test
    void chaosAnnouncesEachStepUntilItsFirstCloseFrame() {
        List<byte[]> frames = ChaosScript.closeFrames();
        List<ChaosScript.Step> steps = ChaosScript.closeSteps();
        int firstClose = 0;
        while ((steps.get(firstClose).bytes()[0] & 0x0f) != Opcode.CLOSE.code()) {
            firstClose++;
        }
        // announced: every step up to and including the first close; after it, the bare steps only
        assertEquals(2 * (firstClose + 1) + (steps.size() - firstClose - 1), frames.size());
        assertEquals(Violation.CLOSE_PAYLOAD_ONE_BYTE, steps.get(firstClose).violation());
        assertTrue(Arrays.equals(steps.get(steps.size() - 1).bytes(), frames.get(frames.size() - 1)));
        assertEquals(steps.stream().map(ChaosScript.Step::violation).distinct().count(), steps.size());
    }

    @Test
    void chaosAnnouncesEveryStepThenCarriesOnWithOrdinaryMessagesAndAPing() {
        List<byte[]> frames = ChaosScript.frames();
        List<ChaosScript.Step> steps = ChaosScript.steps();
        assertEquals(2 * steps.size() + ChaosScript.AFTERWARDS.size() + 1, frames.size());
        byte[] second = frames.get(2);
        assertTrue(new String(second, 2, second.length - 2, StandardCharsets.UTF_8)
                .startsWith("chaos 2/" + steps.size() + ": RESERVED_BITS — "));
        assertTrue(steps.stream().noneMatch(s -> (s.bytes()[0] & 0x0f) == Opcode.CLOSE.code()),
                "no close frame: the server waits for the client's");
        byte[] last = frames.get(frames.size() - 1);
        assertEquals(Opcode.PING.code(), last[0] & 0x0f);
        assertEquals(steps.stream().map(ChaosScript.Step::violation).distinct().count(), steps.size());
    }
}
