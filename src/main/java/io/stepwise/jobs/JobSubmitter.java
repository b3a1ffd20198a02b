package io.stepwise.jobs;

import io.stepwise.store.GroupCommit;
import io.stepwise.store.JobRecords;
import io.stepwise.store.NewJob;
import org.springframework.stereotype.Component;

/**
 * The group commit of single job submissions, as {@code StartBatcher} is for starts: concurrent
 * {@link Jobs#submit} calls share one transaction ({@link JobRecords#submitAll}).
 */
@Component
class JobSubmitter extends GroupCommit<NewJob, JobRecords.Submitted> {

    JobSubmitter(JobRecords records) {
        super("stepwise-jobs", JobRecords.MAX_BATCH, records::submitAll);
    }
}
