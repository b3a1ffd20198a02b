package io.stepwise.store;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Jobs in the database (db/migration/V13__jobs.sql, V17, V18), each in a {@link Namespace}: submitted
 * through {@code stepwise.submit_jobs}, the function SQL callers reach through {@code stepwise.enqueue_job},
 * so both write the same rows; read with their status mapped from execution and step
 * ({@code stepwise.job_status}); a job of another namespace is not found. The jobs package is the door
 * callers use.
 */
@Service
public class JobRecords {

    /** The most jobs one {@link #submitAll} call takes: its statement carries every row at once. */
    public static final int MAX_BATCH = Executions.MAX_START_ALL;

    private static final UUID LAST_ID = new UUID(-1L, -1L);

    private static final RowMapper<JobRecord> JOB = (rs, n) -> new JobRecord(
            rs.getObject("id", UUID.class), rs.getString("type"), rs.getString("queue"),
            rs.getInt("priority"), rs.getString("status"), rs.getInt("attempt"), Rows.json(rs, "payload"),
            Rows.json(rs, "output"), rs.getString("error"), rs.getString("cause"), Rows.instant(rs, "created_at"),
            Rows.instant(rs, "run_at"), Rows.instant(rs, "finished_at"), rs.getString("unique_key"));

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final WorkObserver observer;
    private final WorkTracer tracer;

    JobRecords(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, WorkObserver observer,
            WorkTracer tracer) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
        this.observer = observer;
        this.tracer = tracer;
    }

    /** One job's answer: the job as it is after the submission, and whether the submission created it. */
    public record Submitted(JobRecord job, boolean created) {
    }

    /**
     * Submits jobs in one transaction of their own, answered in order. A unique key held by an unfinished
     * job (or one still inside its window) answers with that job, not created.
     *
     * @throws IllegalArgumentException for more than {@link #MAX_BATCH} jobs
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public List<Submitted> submitAll(List<NewJob> jobs) {
        if (jobs.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " jobs per call, got " + jobs.size());
        }
        if (jobs.isEmpty()) {
            return List.of();
        }
        // PostgreSQL keeps microseconds: what the caller is told must equal what a later read returns
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID[] ids = new UUID[jobs.size()];
        JobRecord[] created = new JobRecord[jobs.size()];
        jdbc.sql(SqlStatements.get("JobSubmitMany"))
                .param("types", strings(jobs, NewJob::type))
                .param("payloads", JsonList.pack(jobs, j -> Rows.text(j.payload())))
                .param("queues", strings(jobs, NewJob::queue))
                .param("priorities", jobs.stream().map(NewJob::priority).toArray(Integer[]::new))
                .param("runAts", strings(jobs, j -> j.runAt() == null ? null : j.runAt().toString()))
                .param("uniqueKeys", strings(jobs, NewJob::uniqueKey))
                .param("uniqueFors", jobs.stream().map(NewJob::uniqueFor).toArray(Integer[]::new))
                .param("maxAttempts", jobs.stream().map(j -> j.shape().maxAttempts()).toArray(Integer[]::new))
                .param("initialSeconds", jobs.stream().map(j -> j.shape().initialSeconds()).toArray(Integer[]::new))
                .param("rates", strings(jobs, j -> j.shape().rate() == null ? null : j.shape().rate().toPlainString()))
                .param("maxSeconds", jobs.stream().map(j -> j.shape().maxSeconds()).toArray(Integer[]::new))
                .param("jitters", strings(jobs, j -> j.shape().jitter()))
                .param("timeouts", jobs.stream().map(j -> j.shape().timeoutSeconds()).toArray(Integer[]::new))
                .param("traceparents", traceparents(jobs))
                .param("namespaces", jobs.stream().allMatch(j -> j.namespace().isDefault()) ? new String[0]
                        : strings(jobs, j -> j.namespace().name()))
                .param("now", Rows.timestamp(now))
                .query((rs, n) -> {
                    int i = rs.getInt("n") - 1;
                    ids[i] = rs.getObject("job_id", UUID.class);
                    if (rs.getBoolean("created")) {
                        observer.executionStarted(rs.getString("state_machine"));
                        NewJob job = jobs.get(i);
                        // what JobsByIds would read: the submission answers without a second statement
                        created[i] = new JobRecord(ids[i], job.type(), rs.getString("queue"), rs.getInt("priority"),
                                rs.getString("status"), 0, Rows.json(rs, "payload"), null, null, null, now,
                                Rows.instant(rs, "run_at"), null, job.uniqueKey());
                    }
                    return null;
                }).list();
        if (Arrays.stream(created).anyMatch(Objects::nonNull)) {
            events.publishEvent(new WorkAvailable());
        }
        // A key repeated in this batch answers with the job its first submission created. Other jobs found
        // by their keys are read as they are now, in a statement of their own: the key's holder committed
        // before this submission could lock the key, so only a later snapshot sees it.
        Map<UUID, JobRecord> known = new HashMap<>();
        Arrays.stream(created).filter(Objects::nonNull).forEach(job -> known.put(job.id(), job));
        List<UUID> holders = Arrays.stream(ids).filter(id -> !known.containsKey(id)).distinct().toList();
        if (!holders.isEmpty()) {
            // each holder is in its finder's namespace: the keys are held per namespace
            read(null, holders).forEach(job -> known.put(job.id(), job));
        }
        List<Submitted> answers = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            answers.add(new Submitted(known.get(ids[i]), created[i] != null));
        }
        return answers;
    }

    /** The definition the jobs of this shape run, as {@code stepwise.submit_jobs} would store it. */
    @Transactional(readOnly = true)
    public String definitionText(JobShape shape) {
        return jdbc.sql(SqlStatements.get("JobDefinitionText"))
                .param("type", shape.type())
                .param("maxAttempts", shape.maxAttempts())
                .param("initialSeconds", shape.initialSeconds())
                .param("rate", shape.rate())
                .param("maxSeconds", shape.maxSeconds())
                .param("jitter", shape.jitter())
                .param("timeout", shape.timeoutSeconds())
                .query(String.class).single();
    }

    /** The job, when it is in {@code namespace}: another namespace's jobs are not found. */
    @Transactional(readOnly = true)
    public Optional<JobRecord> find(Namespace namespace, UUID id) {
        return read(namespace, List.of(id)).stream().findFirst();
    }

    /** The jobs of these ids that exist in {@code namespace} (null: in any), newest first. */
    private List<JobRecord> read(Namespace namespace, List<UUID> ids) {
        return jdbc.sql(SqlStatements.get("JobsByIds"))
                .param("now", Rows.timestamp(clock.instant()))
                .param("ids", ids.toArray(UUID[]::new))
                .param("namespace", namespace == null ? null : namespace.name())
                .query(JOB).list();
    }

    /**
     * {@code namespace}'s jobs newest first, a keyset page at a time.
     *
     * @param after the previous page's last id; null for the first
     */
    @Transactional(readOnly = true)
    public Page<JobRecord, UUID> page(Namespace namespace, JobFilter filter, UUID after, int limit) {
        // one type, or another namespace than the default: a statement of its own, on its index
        var statement = filter.type() != null
                ? jdbc.sql(SqlStatements.get("JobPageOfType")).param("type", filter.type())
                        .param("namespace", namespace.name())
                : namespace.isDefault() ? jdbc.sql(SqlStatements.get("JobPage"))
                : jdbc.sql(SqlStatements.get("JobPageInNamespace")).param("namespace", namespace.name());
        List<JobRecord> rows = statement
                .param("now", Rows.timestamp(clock.instant()))
                .param("after", after == null ? LAST_ID : after)
                .param("queue", filter.queue())
                .param("status", filter.status())
                .param("limit", limit + 1)
                .query(JOB).list();
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<JobRecord> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), items.getLast().id());
    }

    /**
     * The job with the trace context taken here, on the caller's thread (its request's span, or a new
     * root; none while tracing is off): the job may be committed on another thread.
     */
    public NewJob traced(NewJob job) {
        if (job.traceparent() != null) {
            return job;
        }
        String taken = tracer.executionTraceparent(job.type());
        return taken == null ? job : job.traced(taken);
    }

    private static String[] traceparents(List<NewJob> jobs) {
        return jobs.stream().anyMatch(j -> j.traceparent() != null) ? strings(jobs, NewJob::traceparent)
                : new String[0];
    }

    private static String[] strings(List<NewJob> jobs, Function<NewJob, String> field) {
        return jobs.stream().map(field).toArray(String[]::new);
    }
}
