package dev.framescope.capture;

import dev.framescope.wire.Sender;

/** Which way bytes travelled, seen from our client: IN from the server, OUT from us. */
public enum Direction {
    IN, OUT;

    public static Direction of(Sender sender) {
        return sender == Sender.SERVER ? IN : OUT;
    }

    public Sender sender() {
        return this == IN ? Sender.SERVER : Sender.CLIENT;
    }

    public String json() {
        return this == IN ? "in" : "out";
    }

    public String arrow() {
        return this == IN ? "←" : "→";
    }

    public static Direction ofJson(String text) {
        return "out".equals(text) ? OUT : IN;
    }
}
