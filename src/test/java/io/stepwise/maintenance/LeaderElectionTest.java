package io.stepwise.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.store.LeaderLease;
import io.stepwise.store.LeaderLeases;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import io.stepwise.support.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Elections on the real database. Each test uses its own role, so the service's own election (role
 * 'maintenance') runs beside them undisturbed.
 */
class LeaderElectionTest extends IntegrationTest {

    /** Long enough that only a resignation, never an expiry, can free a lease within a test. */
    private static final MaintenanceProperties SETTINGS =
            new MaintenanceProperties(true, Duration.ofSeconds(60), Duration.ofMillis(50));

    @Autowired
    LeaderLeases leases;

    private String role;
    private final List<LeaderElection> started = new ArrayList<>();

    @BeforeEach
    void freshRole() {
        role = "test-" + UUID.randomUUID();
    }

    @AfterEach
    void stopElections() {
        started.stream().filter(LeaderElection::isRunning).forEach(LeaderElection::stop);
    }

    private LeaderElection election(String holder, Clock clock) {
        return new LeaderElection(leases, SETTINGS, clock, role, holder);
    }

    private LeaderElection start(String holder) {
        LeaderElection election = election(holder, Clock.systemUTC());
        started.add(election);
        election.start();
        return election;
    }

    @Test
    void ofTwoContendersOneLeadsAndTheOtherDoesNot() {
        LeaderElection a = election("a", Clock.systemUTC());
        LeaderElection b = election("b", Clock.systemUTC());

        assertThat(a.acquireOrRenew()).isTrue();
        assertThat(b.acquireOrRenew()).isFalse();

        assertThat(a.isLeader()).isTrue();
        assertThat(b.isLeader()).isFalse();
        assertThat(leases.current(role)).map(LeaderLease::holder).contains("a");
    }

    @Test
    void stoppingTheLeaderResignsAndTheOtherTakesOverWithoutWaitingForExpiry() {
        LeaderElection a = start("a");
        Eventually.await(Duration.ofSeconds(10), a::isLeader, leads -> leads);
        LeaderElection b = start("b");
        long firstTerm = leases.current(role).orElseThrow().term();

        a.stop();

        assertThat(a.isLeader()).isFalse();
        Eventually.await(Duration.ofSeconds(10), b::isLeader, leads -> leads);
        LeaderLease now = leases.current(role).orElseThrow();
        assertThat(now.holder()).isEqualTo("b");
        assertThat(now.term()).isEqualTo(firstTerm + 1);
    }

    @Test
    void theRunningLeaderKeepsRenewingItsLease() {
        LeaderElection a = start("a");
        Eventually.await(Duration.ofSeconds(10), a::isLeader, leads -> leads);
        LeaderLease first = leases.current(role).orElseThrow();

        LeaderLease later = Eventually.await(Duration.ofSeconds(10), () -> leases.current(role).orElseThrow(),
                lease -> lease.expiresAt().isAfter(first.expiresAt()));

        assertThat(later.term()).isEqualTo(first.term());
        assertThat(a.isLeader()).isTrue();
    }

    @Test
    void aLeaderThatCouldNotRenewInTimeStopsTrustingItsLeaseBeforeItExpires() {
        MutableClock clock = MutableClock.startingNow();
        LeaderElection a = election("a", clock);
        assertThat(a.acquireOrRenew()).isTrue();

        clock.advance(SETTINGS.leaseDuration().minus(SETTINGS.renewInterval()).minusMillis(1));
        assertThat(a.isLeader()).isTrue();
        clock.advance(Duration.ofMillis(1));

        assertThat(a.isLeader()).as("one renew interval before the lease's end").isFalse();
        assertThat(leases.current(role)).map(LeaderLease::holder).contains("a");
    }

    @Test
    void aLeaderWhoseLeaseWasTakenStepsDownAtItsNextRenewal() {
        LeaderElection a = election("a", Clock.systemUTC());
        assertThat(a.acquireOrRenew()).isTrue();
        // as if a's replica had stalled past expiry and another replica had taken over meanwhile
        jdbc.sql("UPDATE leader_lease SET holder = 'intruder', term = term + 1 WHERE role = :role")
                .param("role", role).update();

        assertThat(a.acquireOrRenew()).isFalse();

        assertThat(a.isLeader()).isFalse();
        assertThat(leases.current(role)).map(LeaderLease::holder).contains("intruder");
    }

    @Test
    void theServiceRunsItsOwnElection() {
        Eventually.await(Duration.ofSeconds(10), () -> leases.current(LeaderElection.ROLE), lease -> lease.isPresent());
    }
}
