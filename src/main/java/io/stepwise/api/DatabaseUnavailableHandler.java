package io.stepwise.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * While the database is away (restarting, unreachable, out of connections), a request gets 503 with
 * {@code Retry-After}, not a 500: the same request will work again shortly, and a client that retries
 * loses nothing. Ahead of {@link ProblemHandler}, whose catch-all would answer 500. The kinds of exception are
 * those of store.DatabaseErrors.isUnavailable.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailableHandler {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableHandler.class);

    /** Seconds a client should wait: a restart or a reconnect takes about that long. */
    static final String RETRY_AFTER_SECONDS = "2";

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            RecoverableDataAccessException.class, CannotCreateTransactionException.class,
            TransactionSystemException.class})
    ResponseEntity<ProblemDetail> unavailable(Exception e) {
        log.warn("The database is unavailable; answering 503: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem());
    }

    /** The 503's body, also written by {@link SecurityProblems} when a key could not be checked. */
    static ProblemDetail problem() {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Database unavailable",
                "The database cannot be reached right now; retry the same request after " + RETRY_AFTER_SECONDS
                        + " s. Nothing was changed by this request.", null);
    }
}
