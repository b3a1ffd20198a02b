package io.stepwise.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Leases that let one replica at a time hold a background role. Each call is a single statement in its
 * own transaction, so a lease is visible to the other replicas as soon as the call returns.
 */
@Service
public class LeaderLeases {

    private final LeaderLeaseStore store;
    private final Clock clock;

    LeaderLeases(LeaderLeaseStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Takes the role's lease for {@code duration} from now if it is free, expired or already
     * {@code holder}'s (then this renews it).
     *
     * @return the lease now held, or empty when another holder's lease is still running
     */
    public Optional<LeaderLease> acquireOrRenew(String role, String holder, Duration duration) {
        Instant now = clock.instant();
        return store.acquireOrRenew(role, holder, now, now.plus(duration));
    }

    /**
     * Ends the lease now, so another replica can take over without waiting for it to expire.
     *
     * @return false when the lease had already expired or passed to someone else (nothing changed)
     */
    public boolean resign(LeaderLease lease) {
        return store.resign(lease.role(), lease.holder(), lease.term(), clock.instant());
    }

    /** The role's lease as stored, whether or not it has expired. */
    public Optional<LeaderLease> current(String role) {
        return store.byRole(role);
    }
}
