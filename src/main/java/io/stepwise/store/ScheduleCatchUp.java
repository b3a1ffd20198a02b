package io.stepwise.store;

/** Which missed fires a schedule makes up for when it comes due late (after downtime, or a long pause of every replica). */
public enum ScheduleCatchUp {
    /** none: a fire later than the grace period is skipped, and the schedule goes on with its next future fire */
    NONE,
    /** the most recent missed fire, once */
    LATEST,
    /** every missed fire, oldest first, a bounded number per pass */
    ALL
}
