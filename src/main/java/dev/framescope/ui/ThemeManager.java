package dev.framescope.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;

/**
 * Switches the theme at run time: sets AtlantaFX's user-agent stylesheet (global to the application) and swaps our
 * stylesheets on the managed scene, keeping any other stylesheet a view added. FX thread only.
 */
public final class ThemeManager {

    public static final String DARK_ROOT_CLASS = "theme-dark";

    private final Scene scene;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme");

    public ThemeManager(Scene scene, Theme initial) {
        this.scene = Objects.requireNonNull(scene, "scene");
        theme.addListener((obs, old, now) -> apply(old, now));
        theme.set(Objects.requireNonNull(initial, "initial"));
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public Theme getTheme() {
        return theme.get();
    }

    public void setTheme(Theme value) {
        theme.set(Objects.requireNonNull(value, "theme"));
    }

    public void toggle() {
        setTheme(getTheme().other());
    }

    private void apply(Theme old, Theme now) {
        Application.setUserAgentStylesheet(now.userAgentStylesheet());
        List<String> sheets = new ArrayList<>(scene.getStylesheets());
        if (old != null) {
            sheets.removeAll(old.stylesheets());
        }
        sheets.addAll(0, now.stylesheets());
        scene.getStylesheets().setAll(sheets);
        if (scene.getRoot() != null) {
            scene.getRoot().getStyleClass().remove(DARK_ROOT_CLASS);
            if (now == Theme.DARK) {
                scene.getRoot().getStyleClass().add(DARK_ROOT_CLASS);
            }
        }
    }
}
