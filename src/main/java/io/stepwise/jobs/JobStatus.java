package io.stepwise.jobs;

/**
 * A job's status, read off its execution and its step by {@code stepwise.job_status}
 * (db/migration/V13__jobs.sql); docs/jobs.md has the table.
 */
public enum JobStatus {
    /** execution RUNNING, step READY, never attempted, run_at still ahead */
    SCHEDULED,
    /** execution RUNNING, step READY, never attempted, due: waiting for a worker */
    AVAILABLE,
    /** execution RUNNING, step claimed (RUNNING) or waiting for an activity worker's answer (WAITING) */
    RUNNING,
    /** execution RUNNING, step READY after an attempt: waiting for its retry backoff, or redriven */
    RETRYING,
    /** execution SUCCEEDED */
    SUCCEEDED,
    /** execution FAILED or TIMED_OUT: the attempts ran out, or an error no retry covers */
    FAILED,
    /** execution ABORTED: cancelled (stopped) */
    CANCELLED;

    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
