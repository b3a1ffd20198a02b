package io.stepwise.store;

import java.time.Instant;
import java.util.List;

/**
 * What one pass does with a due schedule: start an execution for each of {@code fires} (oldest first),
 * then wait for {@code nextFireAt} (null: no fire is left). Missed fires the catch-up rule leaves out
 * are in neither.
 */
public record FirePlan(List<Instant> fires, Instant nextFireAt) {
}
