package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.Direction;
import dev.framescope.ui.fx.Labels.Labelled;
import dev.framescope.ui.live.FrameFilter.OpcodeClass;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the filter bar asks for, as values: a direction, an opcode class, violations only, a payload search and a
 * range of seconds brushed on the time strip. The predicate is built from these enums, never from display strings.
 *
 * @param seconds whole seconds since the capture started, both ends included
 */
public record FilterModel(Directions direction, OpcodeClass opcodes, boolean violationsOnly, String search,
                          Optional<Seconds> seconds) {

    /** Which way the frames went. */
    public enum Directions implements Labelled {
        BOTH("Both directions", Optional.empty()),
        FROM_SERVER("← from server", Optional.of(Direction.IN)),
        FROM_CLIENT("→ from client", Optional.of(Direction.OUT));

        private final String label;
        private final Optional<Direction> direction;

        Directions(String label, Optional<Direction> direction) {
            this.label = label;
            this.direction = direction;
        }

        @Override
        public String label() {
            return label;
        }

        public Optional<Direction> direction() {
            return direction;
        }
    }

    /** A range of whole seconds on the time strip, {@code from} to {@code to} inclusive. */
    public record Seconds(long from, long to) {
    }

    public static final FilterModel NONE = new FilterModel(Directions.BOTH, OpcodeClass.ALL, false, "",
            Optional.empty());

    public FilterModel {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(opcodes, "opcodes");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(seconds, "seconds");
    }

    public FilterModel withDirection(Directions value) {
        return new FilterModel(value, opcodes, violationsOnly, search, seconds);
    }

    public FilterModel withOpcodes(OpcodeClass value) {
        return new FilterModel(direction, value, violationsOnly, search, seconds);
    }

    public FilterModel withViolationsOnly(boolean value) {
        return new FilterModel(direction, opcodes, value, search, seconds);
    }

    public FilterModel withSearch(String value) {
        return new FilterModel(direction, opcodes, violationsOnly, value, seconds);
    }

    public FilterModel withSeconds(Optional<Seconds> value) {
        return new FilterModel(direction, opcodes, violationsOnly, search, value);
    }

    /** The part of the filter that looks at a frame alone. */
    public FrameFilter frameFilter() {
        return new FrameFilter(direction.direction(), opcodes, violationsOnly, search);
    }

    /** Why the search cannot be used (an invalid regular expression); empty when the filter is usable. */
    public Optional<String> problem() {
        return frameFilter().problem();
    }

    /** Whether every frame passes (then the table shows the timeline's list itself). */
    public boolean passesAll() {
        return frameFilter().equals(FrameFilter.ALL) && seconds.isEmpty();
    }

    /**
     * The frames to show; {@code nanoAnchor} is the capture's start on the frames' clock, where second 0 begins.
     * Call only when {@link #problem()} is empty.
     */
    public Predicate<FrameEvent> predicate(long nanoAnchor) {
        Predicate<FrameEvent> p = frameFilter().predicate();
        if (seconds.isPresent()) {
            long from = nanoAnchor + seconds.get().from() * 1_000_000_000L;
            long to = nanoAnchor + (seconds.get().to() + 1) * 1_000_000_000L;
            p = p.and(f -> f.nanos() >= from && f.nanos() < to);
        }
        return p;
    }
}
