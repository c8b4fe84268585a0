package dev.framescope.cli;

import dev.framescope.engine.PongMode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --pong auto|off|delay=500ms|payload=TEXT}. */
final class PongModes implements ITypeConverter<PongMode> {

    @Override
    public PongMode convert(String value) {
        try {
            return PongMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
