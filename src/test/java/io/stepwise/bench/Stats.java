package io.stepwise.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Medians with [min-max] spreads, and nearest-rank percentiles. */
final class Stats {

    private Stats() {
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** "12,345 [11,000–13,000]" with the given number of decimals. */
    static String spread(List<Double> values, int decimals) {
        if (values.isEmpty()) {
            return "n/a";
        }
        return fmt(median(values), decimals) + " [" + fmt(Collections.min(values), decimals) + "–"
                + fmt(Collections.max(values), decimals) + "]";
    }

    static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(List<Double> sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
