package io.stepwise.store;

import java.time.Instant;

/**
 * A role's lease as stored: {@code holder} leads in {@code term} until {@code expiresAt}.
 *
 * @param term grows whenever the lease changes hands or lapses, so two leaders never share one
 */
public record LeaderLease(String role, String holder, long term, Instant acquiredAt, Instant expiresAt) {

    public boolean isHeldAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
