package dev.framescope.ui.fx;

import java.util.Locale;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

/**
 * Number fields a user can type into: a spinner whose text commits on Enter and when focus leaves, and refuses text
 * that is not a whole number in range visibly (red border, the rule in its tooltip) instead of dropping it silently.
 */
public final class NumberFields {

    /** The style class of a field whose text was refused. */
    public static final String REFUSED = "field-refused";

    private NumberFields() {
    }

    /** An editable spinner from {@code min} to {@code max}, starting at {@code initial}. */
    public static Spinner<Integer> spinner(int min, int max, int initial) {
        return spinner(min, max, initial, 1);
    }

    public static Spinner<Integer> spinner(int min, int max, int initial, int step) {
        Spinner<Integer> spinner = new Spinner<>();
        SpinnerValueFactory.IntegerSpinnerValueFactory values =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, initial, step);
        String rule = String.format(Locale.ROOT, "A whole number from %d to %d", min, max);
        Tooltip hint = new Tooltip(rule);
        values.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer value) {
                return value == null ? "" : value.toString();
            }

            @Override
            public Integer fromString(String text) {
                Integer parsed = parse(text.trim(), min, max);
                if (parsed == null) {
                    if (!spinner.getStyleClass().contains(REFUSED)) {
                        spinner.getStyleClass().add(REFUSED);
                    }
                    hint.setText(rule.toLowerCase(Locale.ROOT) + ", not '" + text.trim() + "'");
                    spinner.getProperties().put(REFUSED, hint.getText());
                    return values.getValue();
                }
                spinner.getStyleClass().remove(REFUSED);
                spinner.getProperties().remove(REFUSED);
                hint.setText(rule);
                return parsed;
            }
        });
        spinner.setValueFactory(values);
        spinner.setEditable(true);
        spinner.setTooltip(hint);
        // Enter commits through the spinner's own editor action; leaving the field commits too.
        spinner.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commit(spinner);
            }
        });
        return spinner;
    }

    /** Commits what the field's editor holds (a refused text leaves the value as it was, and stays visible). */
    public static void commit(Spinner<Integer> spinner) {
        spinner.commitValue();
    }

    /** Why the field's text was refused ("a whole number from 1 to 100, not 'x7'"); empty when it was not. */
    public static Optional<String> refusal(Spinner<Integer> spinner) {
        return Optional.ofNullable(spinner.getProperties().get(REFUSED)).map(Object::toString);
    }

    private static Integer parse(String text, int min, int max) {
        try {
            int v = Integer.parseInt(text);
            return v < min || v > max ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The unit after a field: "s", "ms", "bits". */
    public static Label unit(String unit) {
        Label label = new Label(unit);
        label.getStyleClass().add("field-unit");
        return label;
    }
}
