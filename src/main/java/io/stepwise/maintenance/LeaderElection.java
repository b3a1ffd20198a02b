package io.stepwise.maintenance;

import io.stepwise.store.LeaderLease;
import io.stepwise.store.LeaderLeases;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Elects one replica to run maintenance, through a lease row in {@code leader_lease}. Every replica
 * tries to acquire (or, holding it, renew) the lease every renew interval on a virtual thread;
 * {@link #isLeader()} says whether this replica holds it right now.
 *
 * <p>It errs on the side of having no leader for a moment rather than two: a failed or refused renewal
 * steps down at once, and even without news it stops trusting a lease one renew interval before the
 * lease's end (measured from when it asked), so a stalled replica stops leading before anyone else
 * can take over. On stop it resigns, so another replica takes over within one renew interval instead
 * of waiting for the lease to expire.
 */
@Component
@ConditionalOnProperty(name = "stepwise.maintenance.enabled", havingValue = "true", matchIfMissing = true)
public class LeaderElection implements SmartLifecycle {

    static final String ROLE = "maintenance";
    /** Starts before and stops after {@link MaintenanceScheduler}, which asks it who leads. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

    /** The lease we last got, trusted until {@code trustedUntil} by this replica's clock. */
    private record Leadership(LeaderLease lease, Instant trustedUntil) {
    }

    private final LeaderLeases leases;
    private final MaintenanceProperties properties;
    private final Clock clock;
    private final String role;
    private final String holder;
    private volatile Leadership leadership;
    private volatile boolean running;
    private CountDownLatch stopping;
    private Thread thread;

    @Autowired
    LeaderElection(LeaderLeases leases, MaintenanceProperties properties, Clock clock) {
        this(leases, properties, clock, ROLE,
                ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8));
    }

    LeaderElection(LeaderLeases leases, MaintenanceProperties properties, Clock clock, String role, String holder) {
        this.leases = leases;
        this.properties = properties;
        this.clock = clock;
        this.role = role;
        this.holder = holder;
    }

    /** Whether this replica leads now. Long work should ask again between batches. */
    public boolean isLeader() {
        Leadership current = leadership;
        return current != null && clock.instant().isBefore(current.trustedUntil());
    }

    /** The holder name this replica uses in {@code leader_lease}. */
    public String holder() {
        return holder;
    }

    /**
     * One round of the election: acquires or renews the lease. The loop calls it every renew interval.
     *
     * @return whether this replica leads afterwards
     */
    boolean acquireOrRenew() {
        Instant asked = clock.instant();
        Optional<LeaderLease> lease;
        try {
            lease = leases.acquireOrRenew(role, holder, properties.leaseDuration());
        } catch (RuntimeException e) {
            Leadership current = leadership;
            if (current != null) {
                // keep the lease for resign(), but stop trusting it: we cannot know whether it still holds
                leadership = new Leadership(current.lease(), Instant.MIN);
                log.warn("Stepping down as {} leader (term {}): renewing the lease failed", role, current.lease().term(), e);
            } else {
                log.debug("Could not try for the {} lease", role, e);
            }
            return false;
        }
        Leadership previous = leadership;
        if (lease.isEmpty()) {
            leadership = null;
            if (previous != null && previous.trustedUntil() != Instant.MIN) {
                log.warn("Stepping down as {} leader (term {}): another replica holds the lease now", role,
                        previous.lease().term());
            }
            return false;
        }
        leadership = new Leadership(lease.get(),
                asked.plus(properties.leaseDuration()).minus(properties.renewInterval()));
        if (previous == null || previous.trustedUntil() == Instant.MIN || previous.lease().term() != lease.get().term()) {
            log.info("{} leads {} in term {}", holder, role, lease.get().term());
        }
        return isLeader();
    }

    @Override
    public void start() {
        stopping = new CountDownLatch(1);
        running = true;
        thread = Thread.ofVirtual().name("stepwise-leader-election").start(this::electionLoop);
    }

    private void electionLoop() {
        CountDownLatch stop = stopping;
        try {
            do {
                acquireOrRenew();
            } while (!stop.await(properties.renewInterval().toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        stopping.countDown();
        try {
            // not interrupted: an interrupt in the middle of a JDBC call can break the connection
            if (!thread.join(properties.leaseDuration())) {
                log.warn("The {} election did not stop within {}", role, properties.leaseDuration());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        resign();
    }

    private void resign() {
        Leadership current = leadership;
        leadership = null;
        if (current == null) {
            return;
        }
        try {
            if (leases.resign(current.lease())) {
                log.info("{} resigned as {} leader (term {})", holder, role, current.lease().term());
            }
        } catch (RuntimeException e) {
            log.warn("Could not resign the {} lease; it frees itself at {}", role, current.lease().expiresAt(), e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** How long a leader keeps trusting a lease it could not renew. */
    Duration trustWindow() {
        return properties.leaseDuration().minus(properties.renewInterval());
    }
}
