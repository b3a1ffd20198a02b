package io.stepwise.store;

import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A step a worker holds under lease {@code leaseToken}; only that token can complete it. */
public record ClaimedStep(
        long id,
        UUID executionId,
        Long parentId,
        Integer branchIndex,
        String stateName,
        JsonNode input,
        JsonNode stateData,
        int attempt,
        UUID leaseToken) {
}
