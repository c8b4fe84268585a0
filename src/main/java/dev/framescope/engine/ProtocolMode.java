package dev.framescope.engine;

import java.util.Locale;

/**
 * What the client does when the server breaks a rule (issue 14). Both modes record every violation the same way;
 * they differ in whether the connection goes on.
 */
public enum ProtocolMode {
    /** A conforming client: the first server violation fails the connection with the close code its rule names. */
    STRICT("Strict", "Fails the connection on the first server violation, as a conforming client must."),
    /** An observer: nothing the server sends ends the connection; the user, the server, TCP or a timeout does. */
    OBSERVE("Observe", "Keeps the connection open after server violations, records them and keeps reading.");

    private final String label;
    private final String explanation;

    ProtocolMode(String label, String explanation) {
        this.label = label;
        this.explanation = explanation;
    }

    /** The word the window and the CLI show. */
    public String label() {
        return label;
    }

    /** One line saying what the mode does, for the connection dialog. */
    public String explanation() {
        return explanation;
    }

    /** The session file's spelling: {@code strict} or {@code observe}. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@link #spelling()}, case-insensitively; anything else is refused. */
    public static ProtocolMode parse(String text) {
        for (ProtocolMode m : values()) {
            if (m.spelling().equalsIgnoreCase(text.strip())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown protocol mode '" + text + "' (strict or observe)");
    }
}
