package io.stepwise.security;

import org.springframework.security.authentication.InternalAuthenticationServiceException;

/**
 * An API key could not be checked because the database is away and the key is not in this replica's
 * cache. Answered 503 with Retry-After, not 401: a database outage must not look like a bad key (a
 * client would drop or rotate a good one). An internal-service exception, so Spring Security's
 * ProviderManager stops here instead of trying the key as a JWT.
 */
public final class CredentialsUncheckedException extends InternalAuthenticationServiceException {

    CredentialsUncheckedException(RuntimeException cause) {
        super("The credentials could not be checked: the database is unavailable.", cause);
    }
}
