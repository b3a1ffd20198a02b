package io.stepwise.store;

import io.stepwise.asl.Json;
import io.stepwise.engine.ExecutionStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The firing path of cron schedules. One transaction per schedule: claim the earliest due one that no
 * other replica holds ({@code FOR UPDATE SKIP LOCKED}), start its executions, move its next fire on,
 * commit. A replica that dies half-way commits nothing, and the next claimant repeats the same fires;
 * each execution is named after its schedule and fire instant ({@link #executionName}), so the
 * database's (namespace, state machine, name) uniqueness would turn a repeated start into a no-op even if
 * two replicas ever fired the same instant. A schedule's fires start in its namespace.
 */
@Service
public class ScheduleFires {

    private static final Logger log = LoggerFactory.getLogger(ScheduleFires.class);
    private static final DateTimeFormatter FIRE_NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    static final String STOP_ERROR = "Schedule.CancelPrevious";

    private static final RowMapper<DueSchedule> DUE = (rs, n) -> new DueSchedule(
            Namespace.stored(rs.getString("namespace")), rs.getString("name"),
            rs.getString("cron"), rs.getString("timezone"), rs.getString("target_state_machine"),
            Rows.nullableInt(rs, "target_version"), Rows.json(rs, "target_job"), Rows.json(rs, "input"),
            ScheduleOverlap.valueOf(rs.getString("overlap")), ScheduleCatchUp.valueOf(rs.getString("catch_up")),
            Rows.instant(rs, "start_at"), Rows.instant(rs, "end_at"), Rows.instant(rs, "next_fire_at"),
            Rows.instant(rs, "last_fire_at"), rs.getObject("last_execution_id", UUID.class));

    private final JdbcClient jdbc;
    private final ExecutionStarts starts;
    private final ExecutionStore executions;
    private final ExecutionControl control;
    private final ScheduledJobs jobs;

    ScheduleFires(JdbcClient jdbc, ExecutionStarts starts, ExecutionStore executions, ExecutionControl control,
            ScheduledJobs jobs) {
        this.jdbc = jdbc;
        this.starts = starts;
        this.executions = executions;
        this.control = control;
        this.jobs = jobs;
    }

    /**
     * What one claimed schedule's pass did: executions started, fires skipped by overlap SKIP, fires whose
     * execution existed already (started before by a pass that committed its start but not its
     * schedule: never expected, since both commit together); {@code error} is why a fire started nothing.
     */
    public record Pass(String schedule, int started, int skipped, int repeated, Instant nextFireAt, String error) {
    }

    /** The name of the execution a fire starts: {@code <schedule>-<yyyyMMdd'T'HHmmss'Z'>}, the instant in UTC. */
    public static String executionName(String schedule, Instant fire) {
        return schedule + "-" + FIRE_NAME.format(fire);
    }

    /** The earliest next fire of any live schedule, or empty when none is left. */
    public Optional<Instant> nextDue() {
        return jdbc.sql(SqlStatements.get("ScheduleNextDue")).query((rs, n) -> Rows.instant(rs, "next_fire_at"))
                .optional();
    }

    /** Fires the earliest schedule due at {@code now} that no other replica holds; empty when there is none. */
    @Transactional
    public Optional<Pass> fireNext(Instant now, FirePlanner planner) {
        Optional<DueSchedule> claimed = claim(now);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        DueSchedule schedule = claimed.get();
        FirePlan plan = planner.plan(schedule, now);
        UUID last = schedule.lastExecutionId();
        Instant lastFire = schedule.lastFireAt();
        String error = null;
        int started = 0;
        int skipped = 0;
        int repeated = 0;
        for (Instant fire : plan.fires()) {
            if (last != null && schedule.overlap() != ScheduleOverlap.ALLOW && stillRunning(last)) {
                if (schedule.overlap() == ScheduleOverlap.SKIP) {
                    skipped++;
                    continue;
                }
                control.stop(schedule.namespace(), last, STOP_ERROR, "Stopped by schedule '" + schedule.name()
                        + "' for its fire at " + fire + " (overlap CANCEL_PREVIOUS).");
            }
            ScheduledJobs.JobStart start = start(schedule, fire);
            if (start.error() != null) {
                error = start.error();
                continue;
            }
            last = start.id();
            lastFire = fire;
            error = null;
            if (start.created()) {
                started++;
            } else {
                repeated++;
            }
        }
        record(schedule, plan.nextFireAt(), lastFire, last, error);
        return Optional.of(new Pass(schedule.name(), started, skipped, repeated, plan.nextFireAt(), error));
    }

    /**
     * After {@link #fireNext} failed outright (its transaction rolled back), moves the schedule past
     * the fires of this pass and keeps the reason, so one broken schedule cannot hold up the others.
     */
    @Transactional
    public Optional<Pass> skipNext(Instant now, FirePlanner planner, String reason) {
        return claim(now).map(schedule -> {
            FirePlan plan = planner.plan(schedule, now);
            record(schedule, plan.nextFireAt(), schedule.lastFireAt(), schedule.lastExecutionId(), reason);
            log.warn("Schedule '{}' of namespace {} skipped {} fire(s): {}", schedule.name(), schedule.namespace(),
                    plan.fires().size(), reason);
            return new Pass(schedule.name(), 0, plan.fires().size(), 0, plan.nextFireAt(), reason);
        });
    }

    /** Starts the fire's execution, or submits its job: either way named after the schedule and the fire. */
    private ScheduledJobs.JobStart start(DueSchedule schedule, Instant fire) {
        String name = executionName(schedule.name(), fire);
        if (schedule.targetJob() != null) {
            return jobs.submit(schedule.namespace(), schedule.targetJob(), name, fire);
        }
        Executions.StartResult result = starts.apply(List.of(new Executions.StartRequest(schedule.targetStateMachine(),
                schedule.targetVersion(), name, schedule.input() == null ? Json.parse("{}") : schedule.input())
                .in(schedule.namespace()))).getFirst();
        return result.failure() != null ? new ScheduledJobs.JobStart(null, false, result.failure().getMessage())
                : new ScheduledJobs.JobStart(result.start().execution().id(), result.start().created(), null);
    }

    private Optional<DueSchedule> claim(Instant now) {
        return jdbc.sql(SqlStatements.get("ScheduleClaimDue")).param("now", Rows.timestamp(now)).param("limit", 1)
                .query(DUE).optional();
    }

    private boolean stillRunning(UUID execution) {
        return executions.byId(execution).map(e -> e.status() == ExecutionStatus.RUNNING).orElse(false);
    }

    private void record(DueSchedule schedule, Instant next, Instant lastFire, UUID last, String error) {
        jdbc.sql(SqlStatements.get("ScheduleFired")).param("namespace", schedule.namespace().name())
                .param("name", schedule.name()).param("nextFireAt", Rows.timestamp(next))
                .param("lastFireAt", Rows.timestamp(lastFire)).param("lastExecutionId", last)
                .param("lastError", error).update();
    }
}
