package io.stepwise.store;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A schedule claimed for firing (locked until its fires commit). {@code targetStateMachine} or
 * {@code targetJob} is set, never both; {@code input} may be null (the executions get {@code {}}). Its fires
 * start in its namespace: the target state machine is looked up there, and the executions and jobs go there.
 */
public record DueSchedule(Namespace namespace, String name, String cron, String timezone, String targetStateMachine,
        Integer targetVersion, JsonNode targetJob, JsonNode input, ScheduleOverlap overlap, ScheduleCatchUp catchUp,
        Instant startAt, Instant endAt, Instant nextFireAt, Instant lastFireAt, UUID lastExecutionId) {
}
