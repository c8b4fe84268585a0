package dev.framescope.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --ping-storm N@INTERVAL}, e.g. {@code 100@10ms}; an interval of 0 sends them back to back. */
final class PingStorms implements ITypeConverter<PingStorms.Storm> {

    record Storm(int count, Duration interval) {
    }

    @Override
    public Storm convert(String value) {
        String[] parts = value.trim().split("@", 2);
        if (parts.length != 2 || !parts[0].trim().matches("\\d{1,6}")) {
            throw new TypeConversionException("a ping storm is N@INTERVAL (e.g. 100@10ms), not '" + value + "'");
        }
        int count = Integer.parseInt(parts[0].trim());
        if (count < 1 || count > 100_000) {
            throw new TypeConversionException("a ping storm sends 1 to 100000 pings, not " + count);
        }
        String interval = parts[1].trim();
        try {
            return new Storm(count, interval.equals("0") ? Duration.ZERO : Durations.parse(interval));
        } catch (BadValue e) {
            throw new TypeConversionException("the interval of a ping storm " + e.getMessage());
        }
    }
}
