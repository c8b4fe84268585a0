package dev.framescope.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UiDispatcherTest {

    @Test
    void sameThreadDispatcherRunsTasksInlineAndInOrder() {
        UiDispatcher ui = UiDispatcher.sameThread();
        Thread caller = Thread.currentThread();
        List<String> ran = new ArrayList<>();
        ui.execute(() -> ran.add("a:" + (Thread.currentThread() == caller)));
        ui.execute(() -> ran.add("b:" + (Thread.currentThread() == caller)));
        assertEquals(List.of("a:true", "b:true"), ran, "both ran before execute returned, on the caller");
        assertTrue(ui.isUiThread());
    }
}
