package io.stepwise.schedule;

import io.stepwise.asl.Json;
import io.stepwise.store.ScheduleCatchUp;
import io.stepwise.store.ScheduleOverlap;
import io.stepwise.store.ScheduleRow;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A stored schedule. {@code nextFireAt} is null while paused and when no fire is left; the last fire's
 * instant, the execution it started, and {@code lastError} (why the last fire started nothing) say how
 * it went.
 */
public record ScheduleView(String name, String cron, String timezone, String stateMachine, Integer version,
        JsonNode job, JsonNode input, ScheduleOverlap overlap, ScheduleCatchUp catchUp, boolean paused,
        Instant startAt, Instant endAt, Instant nextFireAt, Instant lastFireAt, UUID lastExecutionId,
        String lastError, Instant createdAt, Instant updatedAt) {

    static ScheduleView of(ScheduleRow row) {
        return new ScheduleView(row.getName(), row.getCron(), row.getTimezone(), row.getTargetStateMachine(),
                row.getTargetVersion(), row.getTargetJob() == null ? null : Json.parse(row.getTargetJob()),
                row.getInput() == null ? null : Json.parse(row.getInput()), row.getOverlap(), row.getCatchUp(),
                row.isPaused(), row.getStartAt(), row.getEndAt(), row.isPaused() ? null : row.getNextFireAt(),
                row.getLastFireAt(), row.getLastExecutionId(), row.getLastError(), row.getCreatedAt(),
                row.getUpdatedAt());
    }
}
