package io.stepwise.support;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Empties the per-test tables while workers may be polling them. */
public final class Tables {

    private Tables() {
    }

    public static void truncate(JdbcClient jdbc) {
        for (int attempt = 1; ; attempt++) {
            try {
                jdbc.sql("TRUNCATE state_machine, execution, step, history, task_token, activity, queue, job, job_unique_key,"
                        + " schedule").update();
                return;
            } catch (PessimisticLockingFailureException deadlockWithAPoller) {
                // TRUNCATE's exclusive lock can deadlock with a claim that joins step and execution
                if (attempt == 10) {
                    throw deadlockWithAPoller;
                }
            }
        }
    }
}
