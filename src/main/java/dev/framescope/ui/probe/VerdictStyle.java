package dev.framescope.ui.probe;

import dev.framescope.probe.Verdict;
import java.util.List;

/**
 * How the window shows a verdict: a word in sentence case ("Non-strict", not the constant's name) and a style
 * class whose colour comes from the theme's looked-up variables (framescope.css, framescope-dark.css): OK green,
 * Non-strict and the close notes amber, Informational blue, Unimplemented grey, Failed red.
 */
final class VerdictStyle {

    /** Every class {@link #styleClass} hands out: a reused cell removes them all before adding its own. */
    static final List<String> CLASSES = List.of("probe-ok", "probe-non-strict", "probe-informational",
            "probe-unimplemented", "probe-failed");

    private VerdictStyle() {
    }

    static String text(Verdict v) {
        return switch (v) {
            case OK -> "OK";
            case NON_STRICT -> "Non-strict";
            case INFORMATIONAL -> "Informational";
            case UNIMPLEMENTED -> "Unimplemented";
            case WRONG_CODE -> "Wrong code";
            case UNCLEAN -> "Unclean";
            case FAILED_BY_CLIENT -> "Failed by client";
            case FAILED -> "Failed";
        };
    }

    static String styleClass(Verdict v) {
        return switch (v) {
            case OK -> "probe-ok";
            case INFORMATIONAL -> "probe-informational";
            case UNIMPLEMENTED -> "probe-unimplemented";
            case FAILED -> "probe-failed";
            case NON_STRICT, WRONG_CODE, UNCLEAN, FAILED_BY_CLIENT -> "probe-non-strict";
        };
    }
}
