package io.stepwise.observability;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns user-chosen names into tag values without letting the number of series grow without bound:
 * values are cut to a length, the first {@code limit} distinct ones pass, later ones become
 * {@value #OTHER}. Concurrent first sightings may let the set overshoot the limit by a few values,
 * which is cheaper than a lock on the hot path and still bounded.
 */
final class BoundedTagValues {

    static final String OTHER = "other";
    static final String NONE = "none";

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final int limit;
    private final int maxLength;

    BoundedTagValues(int limit, int maxLength) {
        this.limit = limit;
        this.maxLength = maxLength;
    }

    String of(String value) {
        if (value == null || value.isEmpty()) {
            return NONE;
        }
        String cut = value.length() > maxLength ? value.substring(0, maxLength) : value;
        if (seen.contains(cut)) {
            return cut;
        }
        if (seen.size() >= limit) {
            return OTHER;
        }
        seen.add(cut);
        return cut;
    }
}
