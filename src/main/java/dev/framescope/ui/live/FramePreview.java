package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.Payload;
import dev.framescope.capture.text.FrameText;
import dev.framescope.ui.frame.Utf8Edges;
import dev.framescope.wire.Utf8Validator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The frame table's Payload column: one line of a frame's payload. */
final class FramePreview {

    private FramePreview() {
    }

    /** Text for text payloads (inflated when compressed), hex otherwise; close frames with their code. */
    static String of(FrameEvent f, int chars) {
        if (f.close().isPresent()) {
            return f.close().get().brief();
        }
        byte[] shown = f.inflated().map(Payload::bytes).orElseGet(() -> f.payload().bytes());
        boolean text = f.carriesText() || f.header().opcode().isControl();
        if (text && shown.length > 0) {
            // A fragment or the preview's cut may split a character: the whole ones between show as text.
            int cut = Math.min(shown.length, chars * 3);
            byte[] inner = Utf8Edges.trim(Arrays.copyOf(shown, cut));
            if (inner.length > 0 && Utf8Validator.isValid(inner)) {
                String s = new String(inner, StandardCharsets.UTF_8).replace('\n', ' ');
                return s.length() > chars ? s.substring(0, chars) + "…"
                        : inner.length < shown.length ? s + "…" : s;
            }
        }
        return FrameText.plain(shown, text, chars);
    }
}
