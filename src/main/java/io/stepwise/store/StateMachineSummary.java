package io.stepwise.store;

import java.time.Instant;

/** A state machine in a listing: its name and its latest version, without the definition. */
public record StateMachineSummary(String name, int latestVersion, String description, Instant updatedAt) {
}
