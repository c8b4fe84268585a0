package dev.framescope.cli;

import picocli.CommandLine.TypeConversionException;

/**
 * A converter's complaint about an option value, phrased to follow the option's name: "needs a unit: 5s, 500ms, 2m"
 * becomes {@code --duration needs a unit: 5s, 500ms, 2m} (see {@link CliErrors}).
 */
final class BadValue extends TypeConversionException {

    private static final long serialVersionUID = 1L;

    BadValue(String predicate) {
        super(predicate);
    }
}
