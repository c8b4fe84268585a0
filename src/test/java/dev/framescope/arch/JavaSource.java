package dev.framescope.arch;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Java source file refers to, read from its text: the code with comments and literals blanked out, and every
 * qualified name in it — imports (wildcards as {@code pkg.*}), static imports, and fully qualified names written in
 * code such as {@code javafx.application.Platform.runLater(…)}.
 */
record JavaSource(String code) {

    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;",
            Pattern.MULTILINE);
    private static final Pattern HEADER = Pattern.compile("^\\s*(?:package|import)\\s[^;]*;", Pattern.MULTILINE);
    /** Two or more lower-case segments, then a type: {@code java.util.List}, {@code org.java_websocket.WebSocket}. */
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.$])((?:[a-z][a-z0-9_]*\\s*\\.\\s*){2,}[A-Z]\\w*)");

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    static JavaSource of(String text) {
        return new JavaSource(strip(text));
    }

    /** Imported names and qualified names used in code, without spaces, in order of appearance. */
    Set<String> references() {
        Set<String> refs = new LinkedHashSet<>();
        Matcher imports = IMPORT.matcher(code);
        while (imports.find()) {
            refs.add(imports.group(1));
        }
        Matcher qualified = QUALIFIED.matcher(HEADER.matcher(code).replaceAll(""));
        while (qualified.find()) {
            refs.add(qualified.group(1).replaceAll("\\s", ""));
        }
        return refs;
    }

    /** The declared package, or "" for none. */
    String packageName() {
        Matcher m = PACKAGE.matcher(code);
        return m.find() ? m.group(1) : "";
    }

    /** True when the code (not a comment or a string) names {@code simpleName} as a whole word. */
    boolean mentions(String simpleName) {
        return Pattern.compile("(?<![\\w$])" + Pattern.quote(simpleName) + "(?![\\w$])").matcher(code).find();
    }

    /** Blanks comments, string and character literals and text blocks, keeping line breaks. */
    static String strip(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        while (i < src.length()) {
            int end;
            if (src.startsWith("//", i)) {
                end = indexOrEnd(src, "\n", i);
            } else if (src.startsWith("/*", i)) {
                end = indexOrEnd(src, "*/", i + 2) + 2;
            } else if (src.startsWith("\"\"\"", i)) {
                end = indexOrEnd(src, "\"\"\"", i + 3) + 3;
            } else if (src.charAt(i) == '"' || src.charAt(i) == '\'') {
                end = literalEnd(src, i);
            } else {
                out.append(src.charAt(i++));
                continue;
            }
            end = Math.min(end, src.length());
            out.append(' ').append(src.substring(i, end).replaceAll("[^\\n]", ""));
            i = end;
        }
        return out.toString();
    }

    private static int indexOrEnd(String s, String what, int from) {
        int at = s.indexOf(what, from);
        return at < 0 ? s.length() : at;
    }

    /** The index after a string or char literal's closing quote; a backslash escapes the next character. */
    private static int literalEnd(String s, int open) {
        char quote = s.charAt(open);
        int j = open + 1;
        while (j < s.length() && s.charAt(j) != quote && s.charAt(j) != '\n') {
            j += s.charAt(j) == '\\' ? 2 : 1;
        }
        return j + 1;
    }
}
