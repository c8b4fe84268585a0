package dev.framescope.capture;

import java.util.List;

/**
 * Round-trip statistics of pings: min, median, p95, max and jitter (mean absolute difference of consecutive RTTs,
 * in the spirit of RFC 3550 §6.4.1), all in nanoseconds, plus the count of missed pongs.
 */
public record HeartbeatStats(int count, long min, long median, long p95, long max, long jitter, int missed) {

    public static final HeartbeatStats NONE = new HeartbeatStats(0, 0, 0, 0, 0, 0, 0);

    /** @param rtts round trips in the order measured */
    public static HeartbeatStats of(List<Long> rtts, int missed) {
        if (rtts.isEmpty()) {
            return new HeartbeatStats(0, 0, 0, 0, 0, 0, missed);
        }
        long[] sorted = rtts.stream().mapToLong(Long::longValue).sorted().toArray();
        long jitterSum = 0;
        for (int i = 1; i < rtts.size(); i++) {
            jitterSum += Math.abs(rtts.get(i) - rtts.get(i - 1));
        }
        long jitter = rtts.size() > 1 ? jitterSum / (rtts.size() - 1) : 0;
        return new HeartbeatStats(sorted.length, sorted[0], percentile(sorted, 50), percentile(sorted, 95),
                sorted[sorted.length - 1], jitter, missed);
    }

    /** Nearest-rank percentile. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Statistics of our pings in a log. */
    public static HeartbeatStats of(CaptureLog log) {
        List<Long> rtts = new java.util.ArrayList<>();
        int missed = 0;
        for (CaptureEvent e : log.readFrom(0, log.size())) {
            if (e instanceof CaptureEvent.HeartbeatEvent h) {
                if (h.kind() == CaptureEvent.HeartbeatKind.PONG_RECEIVED && h.rttNanos().isPresent()) {
                    rtts.add(h.rttNanos().getAsLong());
                } else if (h.kind() == CaptureEvent.HeartbeatKind.PONG_MISSED) {
                    missed++;
                }
            }
        }
        return of(rtts, missed);
    }

    public String describe() {
        if (count == 0) {
            return missed == 0 ? "no pings answered" : missed + " pongs missed, none answered";
        }
        return String.format(java.util.Locale.ROOT, "%d pongs: min %.2f ms, median %.2f ms, p95 %.2f ms, max %.2f ms,"
                + " jitter %.2f ms%s", count, ms(min), ms(median), ms(p95), ms(max), ms(jitter),
                missed == 0 ? "" : ", " + missed + " missed");
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
