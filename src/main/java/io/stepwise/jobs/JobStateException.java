package io.stepwise.jobs;

import java.util.UUID;

/** The job's status does not allow what was asked: cancelling a finished job, retrying an unfinished one. */
public class JobStateException extends RuntimeException {

    /** What was refused. */
    public enum Refused {
        CANCEL, RETRY
    }

    private final Refused refused;

    JobStateException(Refused refused, UUID id, JobStatus status) {
        super(refused == Refused.CANCEL
                ? "Job " + id + " has already ended as " + status + "; only an unfinished job can be cancelled."
                : "Job " + id + " is " + status + "; only a FAILED or CANCELLED job can be retried.");
        this.refused = refused;
    }

    public Refused refused() {
        return refused;
    }
}
