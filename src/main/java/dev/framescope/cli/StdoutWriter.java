package dev.framescope.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * The commands' standard output: the writer picocli makes for it (a {@link PrintWriter} over {@code System.out}
 * in the platform's charset, flushing on every line), which also lends its byte stream and charset to a writer of
 * many lines ({@link CharLines}), so their text is encoded once, where it is built. Only used when the standard
 * output is not a console: picocli then takes the platform's charset too ({@code sun.stdout.encoding} is set for
 * consoles only), so the bytes are the ones picocli's writer would have written.
 */
final class StdoutWriter extends PrintWriter {

    private final PrintStream stream;
    private final Charset charset;

    StdoutWriter(PrintStream stream, Charset charset) {
        super(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
        this.stream = stream;
        this.charset = charset;
    }

    /** The stream under this writer: bytes written to it follow what this writer has flushed. */
    PrintStream stream() {
        return stream;
    }

    Charset charset() {
        return charset;
    }
}
