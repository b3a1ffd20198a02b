package io.stepwise.task.http;

import java.util.List;

/** How requests through one configured connection authenticate. */
sealed interface ConnectionAuth permits BasicAuth, ApiKeyAuth, OAuthClientCredentials {

    /** The credential to send now (an OAuth connection may fetch a token first). */
    Credential credential() throws InterruptedException;

    /**
     * The API answered 401 to a request sent with {@code used}. Returns true when a fresh credential is
     * worth one more try (a cached OAuth token may have been revoked); the stale one is forgotten.
     */
    default boolean rejected(Credential used) {
        return false;
    }

    /** The configured secrets, which no output, cause or log may contain. */
    List<String> secrets();
}
