package io.stepwise.store;

/**
 * Published inside a transaction that made steps ready. Listeners act after commit, so a woken worker
 * can see the rows. A hint only: workers poll anyway.
 */
public record WorkAvailable() {
}
