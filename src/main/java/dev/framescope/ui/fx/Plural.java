package dev.framescope.ui.fx;

import java.util.Locale;

/** Counted nouns for the window's text: "1 message", "2 messages", "1,024 frames", never "message(s)". */
public final class Plural {

    private Plural() {
    }

    /** {@code n} and the noun, with an "s" unless {@code n} is 1. */
    public static String of(long n, String noun) {
        return of(n, noun, noun + "s");
    }

    /** {@code n} and the singular or the given plural ("1 reply", "2 replies"). */
    public static String of(long n, String singular, String plural) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? singular : plural);
    }
}
