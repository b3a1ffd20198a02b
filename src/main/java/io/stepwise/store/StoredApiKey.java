package io.stepwise.store;

import java.time.Instant;
import java.util.UUID;

/**
 * An API key as stored: never the key itself, only the SHA-256 of it beside its public prefix.
 *
 * @param role one of security.Role's names, lower case
 * @param revokedAt null while the key is valid
 */
public record StoredApiKey(UUID id, String prefix, byte[] hash, String name, String role, Instant createdAt,
        String createdBy, Instant revokedAt) {
}
