package dev.framescope.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** HTTP header fields in the order received, duplicates kept; names compared case-insensitively. */
public record HttpHeaders(List<Field> entries) {

    public record Field(String name, String value) {
    }

    public HttpHeaders {
        entries = List.copyOf(entries);
    }

    public static HttpHeaders of(String... namesAndValues) {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            fields.add(new Field(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new HttpHeaders(fields);
    }

    public List<String> all(String name) {
        return entries.stream().filter(f -> f.name.equalsIgnoreCase(name)).map(Field::value).toList();
    }

    public Optional<String> first(String name) {
        return entries.stream().filter(f -> f.name.equalsIgnoreCase(name)).map(Field::value).findFirst();
    }

    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /** Whether any field of that name lists {@code token} among its comma-separated values (case-insensitive). */
    public boolean containsToken(String name, String token) {
        return tokens(name).contains(token.toLowerCase(Locale.ROOT));
    }

    /** Comma-separated values of every field of that name, trimmed and lower-cased, empty ones dropped. */
    public List<String> tokens(String name) {
        return all(name).stream().flatMap(v -> Arrays.stream(v.split(",")))
                .map(t -> t.trim().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty()).toList();
    }
}
