package dev.framescope.probe;

import dev.framescope.wire.Utf8Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The UTF-8 test sequences of Autobahn's {@code case6_x_x.py} ({@code createUtf8TestSequences}), after Markus Kuhn's
 * UTF-8-test.txt: groups in Autobahn's order (6.5 is the first), each sequence with Autobahn's verdict on it.
 */
final class Sequences {

    record Entry(boolean valid, byte[] bytes) {
    }

    record Group(String title, List<Entry> entries) {
    }

    private static final String KOSME = "cebae1bdb9cf83cebcceb5";

    private Sequences() {
    }

    static List<Group> groups() {
        List<Group> g = new ArrayList<>();
        g.add(group("Some valid UTF-8 sequences", true, "68656c6c6f24776f726c64", "68656c6c6fc2a2776f726c64",
                "68656c6c6fe282ac776f726c64", "68656c6c6ff0a4ada2776f726c64", KOSME));
        g.add(prefixes());
        g.add(group("First possible sequence of a certain length", true, "00", "c280", "e0a080", "f0908080"));
        g.add(group("First possible sequence length 5/6 (invalid codepoints)", false, "f888808080", "fc8480808080"));
        g.add(group("Last possible sequence of a certain length", true, "7f", "dfbf", "efbfbf", "f48fbfbf"));
        g.add(group("Last possible sequence length 4/5/6 (invalid codepoints)", false, "f7bfbfbf", "fbbfbfbfbf",
                "fdbfbfbfbfbf"));
        List<Entry> boundary = new ArrayList<>(entries(true, "ed9fbf", "ee8080", "efbfbd", "f48fbfbf"));
        boundary.add(entry(false, "f4908080"));
        g.add(new Group("Other boundary conditions", boundary));
        g.add(new Group("Unexpected continuation bytes", unexpectedContinuations()));
        g.add(new Group("Lonely start characters", lonelyStarts()));
        String[] missing = {"c0", "e080", "f08080", "f8808080", "fc80808080", "df", "efbf", "f7bfbf", "fbbfbfbf",
                "fdbfbfbfbf"};
        g.add(group("Sequences with last continuation byte missing", false, missing));
        g.add(group("Concatenation of incomplete sequences", false, String.join("", missing)));
        g.add(group("Impossible bytes", false, "fe", "ff", "fefeffff"));
        g.add(group("Examples of an overlong ASCII character", false, "c0af", "e080af", "f08080af", "f8808080af",
                "fc80808080af"));
        g.add(group("Maximum overlong sequences", false, "c1bf", "e09fbf", "f08fbfbf", "f887bfbfbf", "fc83bfbfbfbf"));
        g.add(group("Overlong representation of the NUL character", false, "c080", "e08080", "f0808080",
                "f880808080", "fc8080808080"));
        g.add(group("Single UTF-16 surrogates", false, "eda080", "edadbf", "edae80", "edafbf", "edb080", "edbe80",
                "edbfbf"));
        g.add(group("Paired UTF-16 surrogates", false, "eda080edb080", "eda080edbfbf", "edadbfedb080",
                "edadbfedbfbf", "edae80edb080", "edae80edbfbf", "edafbfedb080", "edafbfedbfbf"));
        g.add(new Group("Non-character code points (valid UTF-8)", nonCharacters()));
        g.add(group("Unicode specials (i.e. replacement char)", true, "efbfb9", "efbfba", "efbfbb", "efbfbc",
                "efbfbd", "efbfbe", "efbfbf"));
        return g;
    }

    /** Every prefix of a valid string with multi-byte code points; valid only where it ends on a code point. */
    private static Group prefixes() {
        byte[] all = HexFormat.of().parseHex(KOSME);
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i <= all.length; i++) {
            byte[] prefix = Arrays.copyOf(all, i);
            entries.add(new Entry(Utf8Validator.isValid(prefix), prefix));
        }
        return new Group("All prefixes of a valid UTF-8 string that contains multi-byte code points", entries);
    }

    /** Each continuation byte alone and in growing runs, then 0x80-0xBE together. */
    private static List<Entry> unexpectedContinuations() {
        List<Entry> e = new ArrayList<>(entries(false, "80", "bf", "80bf", "80bf80", "80bf80bf", "80bf80bf80",
                "80bf80bf80bf"));
        byte[] run = new byte[0xbf - 0x80];
        for (int i = 0; i < run.length; i++) {
            run[i] = (byte) (0x80 + i);
        }
        e.add(new Entry(false, run));
        return e;
    }

    /** Each range of start bytes, each followed by a space (the range's end excluded, as Python's xrange). */
    private static List<Entry> lonelyStarts() {
        int[][] ranges = {{0xc0, 0xdf}, {0xe0, 0xef}, {0xf0, 0xf7}, {0xf8, 0xfb}, {0xfc, 0xfd}};
        List<Entry> e = new ArrayList<>();
        for (int[] r : ranges) {
            byte[] s = new byte[(r[1] - r[0]) * 2];
            for (int i = r[0], at = 0; i < r[1]; i++) {
                s[at++] = (byte) i;
                s[at++] = 0x20;
            }
            e.add(new Entry(false, s));
        }
        return e;
    }

    /** EF BF BE/BF, then F0-F4 × 8F/9F/AF/BF × BF × BE/BF, without the overlong and the past-U+10FFFF ones. */
    private static List<Entry> nonCharacters() {
        List<Entry> e = new ArrayList<>(entries(true, "efbfbe", "efbfbf"));
        int[] z2s = {0x8f, 0x9f, 0xaf, 0xbf};
        for (int z1 = 0xf0; z1 <= 0xf4; z1++) {
            for (int z2 : z2s) {
                if (z1 == 0xf4 && z2 != 0x8f) {
                    continue;
                }
                for (int z3 = 0xbe; z3 <= 0xbf; z3++) {
                    if (z1 == 0xf0 && z2 == 0x8f) {
                        continue;
                    }
                    e.add(new Entry(true, new byte[] {(byte) z1, (byte) z2, (byte) 0xbf, (byte) z3}));
                }
            }
        }
        return e;
    }

    private static Group group(String title, boolean valid, String... hex) {
        return new Group(title, entries(valid, hex));
    }

    private static List<Entry> entries(boolean valid, String... hex) {
        List<Entry> e = new ArrayList<>();
        for (String h : hex) {
            e.add(entry(valid, h));
        }
        return e;
    }

    private static Entry entry(boolean valid, String hex) {
        return new Entry(valid, HexFormat.of().parseHex(hex));
    }
}
