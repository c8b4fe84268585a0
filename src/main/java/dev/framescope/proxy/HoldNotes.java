package dev.framescope.proxy;

import dev.framescope.wire.Message;
import dev.framescope.wire.Sender;
import java.io.IOException;

/** The capture's notes about breakpoints, in words: what was held, how it ended, what went on instead. */
final class HoldNotes {

    private HoldNotes() {
    }

    static String who(Sender from) {
        return from == Sender.CLIENT ? "the app" : "the server";
    }

    static String receiver(Sender from) {
        return from == Sender.CLIENT ? "the server" : "the app";
    }

    static String held(HeldMessage h, long timeoutNanos) {
        return "held at breakpoint '" + h.rule() + "': " + h.describe() + " at byte " + h.message().startOffset()
                + "; later frames this way wait behind it (forwarded unchanged after "
                + Interception.seconds(timeoutNanos) + " unless released)";
    }

    static String forwarded(HeldMessage h, boolean timedOut) {
        return (timedOut ? "the hold timed out: " : "") + h.describe() + " held at byte " + h.message().startOffset()
                + " forwarded unchanged";
    }

    static String dropped(HeldMessage h) {
        return "dropped at a breakpoint: " + h.describe() + " at byte " + h.message().startOffset()
                + " was not forwarded";
    }

    static String edited(HeldMessage h, byte[] replacement, Reframer.Framed framed) {
        return "edited at breakpoint '" + h.rule() + "': " + h.describe() + " at byte " + h.message().startOffset()
                + " (recorded before this note as it arrived) went to " + receiver(h.sender()) + " as "
                + Interception.describe(h.opcode(), replacement) + " — 1 frame, " + framed.bytes().length
                + " bytes on the wire, header " + framed.header().rawHeaderHex()
                + framed.header().maskingKeyHex().map(k -> ", masking key " + k).orElse("")
                + (framed.compressed() ? ", compressed afresh" : ", uncompressed");
    }

    static String diverged(Sender from) {
        return "from here on " + who(from) + "'s compressed messages go to " + receiver(from)
                + " inflated and uncompressed (RSV1 clear): its compressor keeps the original message in its window "
                + "(context takeover), which " + receiver(from) + "'s inflater never saw";
    }

    static String tooLarge(Message m) {
        return "breakpoints: " + HeldMessage.kind(m.opcode()) + " at byte " + m.startOffset() + " is too large to "
                + "re-send uncompressed (" + m.length() + " bytes); forwarded as it arrived, "
                + receiver(m.sender()) + " may fail to inflate it";
    }

    static String gone(HeldMessage h, String why, int behind) {
        return why + " while " + h.describe() + " was held at breakpoint '" + h.rule() + "' (byte "
                + h.message().startOffset() + "): it" + (behind > 0 ? " and " + behind
                + " frame(s) queued behind it were" : " was") + " not forwarded";
    }

    static String undeliverable(Sender from, IOException e) {
        return "could not pass on what was held: " + receiver(from) + " is gone (" + e.getMessage() + ")";
    }

    static String desynchronized(Sender from) {
        return "breakpoints: " + who(from) + "'s stream can no longer be framed; its bytes are forwarded unread from "
                + "here on";
    }
}
