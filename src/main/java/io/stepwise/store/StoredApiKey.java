package io.stepwise.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API key as stored: never the key itself, only the SHA-256 of it beside its public prefix.
 *
 * @param role one of security.Role's names, lower case
 * @param revokedAt null while the key is valid
 * @param namespaces the namespaces the key may name ({@code *}: all), docs/namespaces.md
 */
public record StoredApiKey(UUID id, String prefix, byte[] hash, String name, String role, Instant createdAt,
        String createdBy, Instant revokedAt, List<String> namespaces) {

    public StoredApiKey {
        namespaces = List.copyOf(namespaces);
    }
}
