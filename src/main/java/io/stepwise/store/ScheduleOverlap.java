package io.stepwise.store;

/** What a schedule's fire does while the execution of its previous fire is still running. */
public enum ScheduleOverlap {
    /** start regardless */
    ALLOW,
    /** start nothing for this fire */
    SKIP,
    /** stop the previous execution (ABORTED), then start */
    CANCEL_PREVIOUS
}
