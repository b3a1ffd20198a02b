package io.stepwise.schedule;

import io.stepwise.store.ScheduleCatchUp;
import io.stepwise.store.ScheduleOverlap;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A schedule as a caller puts it. The target is a state machine ({@code version} null for the latest
 * at each fire) or a job ({@code job}: the body a job start takes), never both. Null {@code timezone}
 * is UTC, null {@code input} is {@code {}}, null {@code overlap} ALLOW, null {@code catchUp} NONE, null
 * {@code paused} keeps a replaced schedule's state (a new one runs).
 */
public record ScheduleSpec(String name, String cron, String timezone, String stateMachine, Integer version,
        JsonNode job, JsonNode input, ScheduleOverlap overlap, ScheduleCatchUp catchUp, Boolean paused,
        Instant startAt, Instant endAt) {
}
