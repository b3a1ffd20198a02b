package io.stepwise.store;

/**
 * Published inside a transaction that gave {@code activity} a task to hand out. After commit, every
 * replica's waiting polls of that activity are woken (through LISTEN/NOTIFY). A hint only: polls also
 * look again on their own.
 */
public record ActivityScheduled(String activity) {
}
