package dev.framescope.cli;

import dev.framescope.proxy.Breakpoints;
import dev.framescope.proxy.HeldMessage;
import dev.framescope.wire.Sender;
import java.io.PrintWriter;

/** {@code framescope proxy --break}: one line when a message is held and one when it goes on. */
final class HoldPrinter implements Breakpoints.Listener {

    private final PrintWriter out;

    HoldPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void held(HeldMessage m) {
        out.println("held #" + m.id() + " at '" + m.rule() + "': " + (m.sender() == Sender.CLIENT ? "app → server"
                : "server → app") + ", " + m.payload().length + " bytes, on " + m.connection());
        out.flush();
    }

    @Override
    public void resolved(HeldMessage m) {
        String how = switch (m.outcome()) {
            case TIMED_OUT -> "timed out: forwarded unchanged";
            case FORWARDED -> "forwarded unchanged";
            case EDITED -> "forwarded edited";
            case DROPPED -> "dropped";
            case CLOSED -> "the connection was closed";
            case GONE -> "the connection ended first: not forwarded";
            case HELD -> "still held";
        };
        out.println("held #" + m.id() + ": " + how);
        out.flush();
    }
}
