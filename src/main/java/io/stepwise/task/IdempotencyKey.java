package io.stepwise.task;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one attempt of one Task state in one execution, as the string
 * {@code <executionId>/<stateName>/<attempt>}, e.g. {@code 0190c1e2-.../ChargeCard/0}.
 *
 * <p>{@code attempt} counts Retry attempts: 0 for the first try, n after n retries. A run repeated
 * because a worker lost its lease is the same attempt and carries the same key, which is what lets a
 * handler (or the service it calls) drop the duplicate. Inside a Map iteration, where the same state
 * runs once per item, the worker qualifies the state name with the iteration index
 * ({@code Process[7]/Charge}) so that keys stay distinct per item.
 *
 * <p>The execution id has a fixed length and the attempt follows the last {@code /}, so the string is
 * unambiguous even when a state name contains {@code /}.
 */
public record IdempotencyKey(UUID executionId, String stateName, int attempt) {

    public IdempotencyKey {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(stateName, "stateName");
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0, was " + attempt);
        }
    }

    /** The key as {@code <executionId>/<stateName>/<attempt>}, ready to send as an idempotency header. */
    @Override
    public String toString() {
        return executionId + "/" + stateName + "/" + attempt;
    }
}
