package dev.framescope.capture.io;

/**
 * Non-negative numbers written in decimal straight into a byte buffer, as {@link Long#toString} writes them: two
 * digits per division, in {@code int} arithmetic once the number fits. A {@code long} division per digit was the
 * largest single cost of {@code export --to json}'s main thread at 16 B (15 %) and of {@code dissect}'s table.
 */
public final class Decimal {

    /** The tens and the ones digit of 0 to 99. */
    private static final byte[] TENS = new byte[100];
    private static final byte[] ONES = new byte[100];

    static {
        for (int i = 0; i < 100; i++) {
            TENS[i] = (byte) ('0' + i / 10);
            ONES[i] = (byte) ('0' + i % 10);
        }
    }

    private Decimal() {
    }

    /** Digits of {@code n} ≥ 0. */
    public static int digits(long n) {
        int d = 1;
        for (long p = 10; d < 19 && n >= p; p *= 10) {
            d++;
        }
        return d;
    }

    /**
     * Writes {@code n} ≥ 0 at {@code at} (room for {@link #digits} bytes, at most 19, is the caller's to make).
     *
     * @return the position after the last digit
     */
    public static int put(byte[] buf, int at, long n) {
        int end = at + digits(n);
        int i = end;
        while (n > Integer.MAX_VALUE) {
            buf[--i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        int m = (int) n;
        while (m >= 100) {
            int q = m / 100;
            int r = m - q * 100;
            buf[--i] = ONES[r];
            buf[--i] = TENS[r];
            m = q;
        }
        if (m >= 10) {
            buf[--i] = ONES[m];
            buf[--i] = TENS[m];
        } else {
            buf[--i] = (byte) ('0' + m);
        }
        return end;
    }
}
