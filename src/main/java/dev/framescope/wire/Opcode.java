package dev.framescope.wire;

/** The 4-bit frame opcode of RFC 6455 §5.2, reserved values included so that nothing on the wire is unnamed. */
public enum Opcode {
    CONTINUATION(0x0),
    TEXT(0x1),
    BINARY(0x2),
    RESERVED_NON_CONTROL_3(0x3),
    RESERVED_NON_CONTROL_4(0x4),
    RESERVED_NON_CONTROL_5(0x5),
    RESERVED_NON_CONTROL_6(0x6),
    RESERVED_NON_CONTROL_7(0x7),
    CLOSE(0x8),
    PING(0x9),
    PONG(0xA),
    RESERVED_CONTROL_B(0xB),
    RESERVED_CONTROL_C(0xC),
    RESERVED_CONTROL_D(0xD),
    RESERVED_CONTROL_E(0xE),
    RESERVED_CONTROL_F(0xF);

    private static final Opcode[] BY_CODE = values();

    private final int code;

    Opcode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @param code the low 4 bits are used */
    public static Opcode of(int code) {
        return BY_CODE[code & 0x0F];
    }

    /** Opcodes with the high bit set are control frames (§5.5), reserved ones included. */
    public boolean isControl() {
        return (code & 0x8) != 0;
    }

    public boolean isReserved() {
        return (code >= 0x3 && code <= 0x7) || code >= 0xB;
    }

    public boolean isData() {
        return code == 0x1 || code == 0x2;
    }

    /** Short display name: TEXT, PING, CONT, or 0x3 for a reserved opcode. */
    public String shortName() {
        if (this == CONTINUATION) {
            return "CONT";
        }
        return isReserved() ? String.format("0x%X", code) : name();
    }
}
