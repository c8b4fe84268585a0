package dev.framescope.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.List;

/** The two themes: an AtlantaFX user-agent stylesheet plus our stylesheets on top. */
public enum Theme {
    LIGHT(new PrimerLight().getUserAgentStylesheet(), List.of(Stylesheets.BASE)),
    DARK(new PrimerDark().getUserAgentStylesheet(), List.of(Stylesheets.BASE, Stylesheets.DARK));

    private final String userAgentStylesheet;
    private final List<String> stylesheets;

    Theme(String userAgentStylesheet, List<String> stylesheets) {
        this.userAgentStylesheet = userAgentStylesheet;
        this.stylesheets = stylesheets;
    }

    public String userAgentStylesheet() {
        return userAgentStylesheet;
    }

    /** Our scene stylesheets, as URLs: the base file, and for dark the file that overrides its colour variables. */
    public List<String> stylesheets() {
        return stylesheets;
    }

    /** What the status bar says: "Light theme". */
    public String label() {
        return this == LIGHT ? "Light theme" : "Dark theme";
    }

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }

    /** Stylesheet URLs, resolved once. */
    static final class Stylesheets {
        static final String BASE = url("framescope.css");
        static final String DARK = url("framescope-dark.css");

        private Stylesheets() {
        }

        private static String url(String name) {
            var resource = Theme.class.getResource(name);
            if (resource == null) {
                throw new IllegalStateException("stylesheet missing from the classpath: " + name);
            }
            return resource.toExternalForm();
        }
    }
}
