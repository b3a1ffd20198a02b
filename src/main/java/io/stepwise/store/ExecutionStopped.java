package io.stepwise.store;

import java.util.UUID;

/** An execution was stopped or timed out: whoever runs its handlers should cancel them (after commit). */
public record ExecutionStopped(UUID executionId) {
}
