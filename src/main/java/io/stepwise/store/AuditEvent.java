package io.stepwise.store;

import java.time.Instant;

/**
 * One mutating call, as the audit trail keeps it: who, when, what (method, path template, status) and
 * from where; never a payload.
 *
 * @param id null until stored
 * @param namespace the namespace the call named ({@code default} when none); null when what it named was
 *        not a namespace
 */
public record AuditEvent(Long id, Instant at, String actor, String method, String path, int status,
        String remoteAddress, String namespace) {
}
