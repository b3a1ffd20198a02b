package io.stepwise.jobs;

import io.stepwise.store.BadRequestException;
import io.stepwise.store.Executions;
import io.stepwise.store.JobFilter;
import io.stepwise.store.JobRecord;
import io.stepwise.store.JobRecords;
import io.stepwise.store.JobRecords.Submitted;
import io.stepwise.store.Namespace;
import io.stepwise.store.NewJob;
import io.stepwise.store.NotFoundException;
import io.stepwise.store.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Everything a caller does with jobs (docs/jobs.md): submit one or a batch, read, list, cancel, retry.
 * A job is an execution of a generated one-Task state machine; cancelling stops that execution and
 * retrying redrives it, so history, the console and metrics see jobs as executions. Jobs are in
 * namespaces as executions are (a {@link NewJob} names its own): a job of another namespace is not found.
 */
@Service
public class Jobs {

    /** The most jobs one {@link #submitAll} call takes. */
    public static final int MAX_BATCH = JobRecords.MAX_BATCH;

    private final JobRecords records;
    private final JobShapes shapes;
    private final JobSubmitter submitter;
    private final Executions executions;

    Jobs(JobRecords records, JobShapes shapes, JobSubmitter submitter, Executions executions) {
        this.records = records;
        this.shapes = shapes;
        this.submitter = submitter;
        this.executions = executions;
    }

    /**
     * Submits one job; concurrent submissions share a transaction (group commit), which commits on its
     * own. With a unique key held by an unfinished job (or one inside its window), that job, not created.
     *
     * @throws BadRequestException when the type is no Task resource (pointer relative to the job)
     */
    public Submitted submit(NewJob job) {
        shapes.check(job.shape());
        return submitter.submit(records.traced(job));
    }

    /**
     * Submits up to {@link #MAX_BATCH} jobs in one transaction, answered in order: every job, or (when one
     * is invalid) none.
     *
     * @throws BadRequestException for the first invalid job; its pointer starts with the job's index ("/3/type")
     */
    public List<Submitted> submitAll(List<NewJob> jobs) {
        List<NewJob> traced = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            try {
                shapes.check(jobs.get(i).shape());
            } catch (BadRequestException e) {
                throw new BadRequestException(e.getMessage(), "/" + i + e.pointer());
            }
            traced.add(records.traced(jobs.get(i)));
        }
        return records.submitAll(traced);
    }

    public Optional<JobRecord> find(Namespace namespace, UUID id) {
        return records.find(namespace, id);
    }

    /** Newest first, a keyset page at a time. @param after the previous page's last id; null for the first */
    public Page<JobRecord, UUID> page(Namespace namespace, JobFilter filter, UUID after, int limit) {
        return records.page(namespace, filter, after, limit);
    }

    /**
     * Cancels an unfinished job: its execution is stopped (ABORTED), a running attempt's handler is
     * cancelled, and no attempt follows.
     *
     * @throws NotFoundException when there is no such job
     * @throws JobStateException when it has already ended
     */
    public JobRecord cancel(Namespace namespace, UUID id) {
        existing(namespace, id);
        if (!executions.stop(namespace, id, null, null)) {
            throw new JobStateException(JobStateException.Refused.CANCEL, id, status(existing(namespace, id)));
        }
        return existing(namespace, id);
    }

    /**
     * Runs a FAILED or CANCELLED job again: its execution is redriven, so the job keeps its id, its history
     * goes on, and its attempts count on from where they stopped, each retry with the job's backoff.
     *
     * @throws NotFoundException when there is no such job
     * @throws JobStateException when it is not FAILED or CANCELLED
     */
    public JobRecord retry(Namespace namespace, UUID id) {
        JobStatus status = status(existing(namespace, id));
        if (status != JobStatus.FAILED && status != JobStatus.CANCELLED) {
            throw new JobStateException(JobStateException.Refused.RETRY, id, status);
        }
        executions.redrive(namespace, id);
        return existing(namespace, id);
    }

    private JobRecord existing(Namespace namespace, UUID id) {
        return records.find(namespace, id).orElseThrow(() -> new NotFoundException("job", id.toString()));
    }

    private static JobStatus status(JobRecord job) {
        return JobStatus.valueOf(job.status());
    }
}
