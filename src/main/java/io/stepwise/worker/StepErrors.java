package io.stepwise.worker;

import java.util.concurrent.CompletionException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionException;

/**
 * Tells an error that would repeat on every run of a step from one that came from the infrastructure.
 * Only the first kind fails the step (with States.Runtime): an infrastructure error (a database that
 * restarts, a connection cut, a rollback that cannot reach the server, a committer shutting down) is not
 * the workflow's error, so the step goes back through its lease and runs again, and no Retry in the
 * definition is needed to survive it. Known to repeat: the database rejecting the step's own data (a
 * constraint or data exception), and any other error while computing the step from its stored state,
 * which is deterministic.
 */
final class StepErrors {

    private StepErrors() {
    }

    /** @param computing true when the error came from computing the completion, false from storing it */
    static boolean repeats(Throwable error, boolean computing) {
        boolean database = false;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof DataIntegrityViolationException) {
                return true;
            }
            // the store translates every driver error into one of these (only the store may see java.sql)
            database |= t instanceof DataAccessException || t instanceof TransactionException;
        }
        return computing && !database;
    }

    /** The error a batched commit threw, unwrapped from its hand-off. */
    static Throwable unwrap(RuntimeException e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
