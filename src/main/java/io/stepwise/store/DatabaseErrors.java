package io.stepwise.store;

import java.sql.SQLException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** What a database error says about its cause, for callers that may not look at JDBC themselves. */
public final class DatabaseErrors {

    /** PostgreSQL's SQLSTATE for a character the encoding cannot hold: U+0000 in a text value. */
    private static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";

    private DatabaseErrors() {
    }

    /** Whether {@code e} is PostgreSQL refusing a text value with the NUL character in it. */
    public static boolean isNulInText(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && CHARACTER_NOT_IN_REPERTOIRE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code e} says the database is away (restarting, unreachable, out of connections): the same
     * request will work again shortly. The kinds api.DatabaseUnavailableHandler answers with 503.
     */
    public static boolean isUnavailable(Throwable e) {
        return e instanceof DataAccessResourceFailureException || e instanceof TransientDataAccessException
                || e instanceof RecoverableDataAccessException || e instanceof CannotCreateTransactionException
                || e instanceof TransactionSystemException;
    }
}
