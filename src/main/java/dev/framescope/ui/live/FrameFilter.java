package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.CaptureEvent.MessageEvent;
import dev.framescope.capture.Direction;
import dev.framescope.capture.Payload;
import dev.framescope.ui.fx.Labels.Labelled;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the timeline shows: a direction, an opcode class, violations only, and a search over payload text (inflated
 * when compressed) — plain text, or a regular expression written between slashes.
 */
public record FrameFilter(Optional<Direction> direction, OpcodeClass opcodes, boolean violationsOnly, String search) {

    /** Which frames by opcode (RFC 6455 section 5.2: data frames, control frames with the high opcode bit). */
    public enum OpcodeClass implements Labelled {
        ALL("All frames"), DATA("Data frames"), CONTROL("Control frames");

        private final String label;

        OpcodeClass(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    public static final FrameFilter ALL = new FrameFilter(Optional.empty(), OpcodeClass.ALL, false, "");

    /** The predicate, or a problem with the search (an invalid regular expression). */
    public Predicate<FrameEvent> predicate() {
        Predicate<FrameEvent> p = f -> true;
        if (direction.isPresent()) {
            Direction d = direction.get();
            p = p.and(f -> f.dir() == d);
        }
        if (opcodes == OpcodeClass.DATA) {
            p = p.and(f -> !f.header().opcode().isControl());
        } else if (opcodes == OpcodeClass.CONTROL) {
            p = p.and(f -> f.header().opcode().isControl());
        }
        if (violationsOnly) {
            p = p.and(f -> !f.findings().isEmpty());
        }
        if (!search.isBlank()) {
            Predicate<String> match = matcher(search);
            p = p.and(f -> match.test(text(f)));
        }
        return p;
    }

    /**
     * The same filter over reassembled messages (the Messages view): direction, violations, the search over the
     * message's text; messages are data, so the control class shows none.
     */
    public Predicate<MessageEvent> messagePredicate() {
        Predicate<MessageEvent> p = m -> opcodes != OpcodeClass.CONTROL;
        if (direction.isPresent()) {
            Direction d = direction.get();
            p = p.and(m -> m.dir() == d);
        }
        if (violationsOnly) {
            p = p.and(m -> !m.findings().isEmpty());
        }
        if (!search.isBlank()) {
            Predicate<String> match = matcher(search);
            p = p.and(m -> match.test(new String(m.payload().bytes(), StandardCharsets.UTF_8)));
        }
        return p;
    }

    /** A readable error when the search is an invalid regular expression. */
    public Optional<String> problem() {
        try {
            matcher(search);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of("invalid regular expression: " + e.getDescription());
        }
    }

    private static Predicate<String> matcher(String search) {
        if (search.length() > 2 && search.startsWith("/") && search.endsWith("/")) {
            Pattern pattern = Pattern.compile(search.substring(1, search.length() - 1));
            return s -> pattern.matcher(s).find();
        }
        String needle = search.toLowerCase(Locale.ROOT);
        return s -> s.toLowerCase(Locale.ROOT).contains(needle);
    }

    private static String text(FrameEvent f) {
        byte[] bytes = f.inflated().map(Payload::bytes).orElseGet(() -> f.payload().bytes());
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
