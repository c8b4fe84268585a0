package dev.framescope.probe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every case the probe knows, by id, in Autobahn's order. Categories and their names are Autobahn's
 * ({@code case/__init__.py}); 9.* is built only when selected.
 */
public final class Catalogue {

    /** Autobahn's category names, and ours (20). */
    public static final Map<String, String> CATEGORIES = categories();

    private final List<Entry> entries;

    /** A case by id, built on demand. */
    public record Entry(String id, Supplier<ProbeCase> build) {
        public String category() {
            return id.substring(0, id.indexOf('.'));
        }
    }

    private Catalogue(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Catalogue standard() {
        List<Entry> all = new ArrayList<>();
        List<ProbeCase> eager = new ArrayList<>();
        eager.addAll(FramingCases.all());
        eager.addAll(FragmentationCases.all());
        eager.addAll(Utf8Cases.all());
        eager.addAll(CloseCases.all());
        eager.addAll(OwnCases.all());
        for (ProbeCase c : eager) {
            all.add(new Entry(c.id(), () -> c));
        }
        for (LimitCases.Entry e : LimitCases.entries()) {
            all.add(new Entry(e.id(), e.build()));
        }
        all.addAll(DeflateCases.entries());
        all.sort(Comparator.comparing(Entry::id, Catalogue::compareIds));
        return new Catalogue(all);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entries {@code selection} picks, in catalogue order. */
    public List<Entry> select(CaseSelection selection) {
        return entries.stream().filter(e -> selection.includes(e.id())).toList();
    }

    /** Numeric order of dotted ids: 1.1.2 before 1.1.10, 6.9.1 before 6.10.1. */
    public static int compareIds(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static Map<String, String> categories() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("1", "Framing");
        m.put("2", "Pings/Pongs");
        m.put("3", "Reserved Bits");
        m.put("4", "Opcodes");
        m.put("5", "Fragmentation");
        m.put("6", "UTF-8 Handling");
        m.put("7", "Close Handling");
        m.put("9", "Limits/Performance");
        m.put("10", "Misc");
        m.put("12", "WebSocket Compression (different payloads)");
        m.put("13", "WebSocket Compression (different parameters)");
        m.put("20", "Framescope: handshake, deflate context, masking");
        return Map.copyOf(m);
    }
}
