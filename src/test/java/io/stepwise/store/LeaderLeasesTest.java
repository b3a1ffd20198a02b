package io.stepwise.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.IntegrationTest;
import io.stepwise.support.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lease statements against PostgreSQL, with time moved by hand. Each test uses its own role, so
 * the running service's own election (role 'maintenance') never interferes.
 */
class LeaderLeasesTest extends IntegrationTest {

    private static final Duration LEASE = Duration.ofSeconds(15);

    private final MutableClock clock = MutableClock.startingNow();
    private LeaderLeases leases;
    private String role;

    @BeforeEach
    void leasesOnAClockWeMove() {
        leases = new LeaderLeases(new LeaderLeaseStore(jdbc), clock);
        role = "test-" + UUID.randomUUID();
    }

    @Test
    void theFirstContenderWinsAndTheSecondIsRefused() {
        Optional<LeaderLease> a = leases.acquireOrRenew(role, "a", LEASE);
        Optional<LeaderLease> b = leases.acquireOrRenew(role, "b", LEASE);

        assertThat(a).contains(new LeaderLease(role, "a", 1, clock.instant(), clock.instant().plus(LEASE)));
        assertThat(b).isEmpty();
        assertThat(leases.current(role)).map(LeaderLease::holder).contains("a");
    }

    @Test
    void anotherTakesOverOnlyOnceTheLeaseHasExpired() {
        LeaderLease a = leases.acquireOrRenew(role, "a", LEASE).orElseThrow();

        clock.advance(LEASE.minusNanos(1_000));
        assertThat(leases.acquireOrRenew(role, "b", LEASE)).as("one microsecond before expiry").isEmpty();

        clock.advance(Duration.ofNanos(1_000));
        LeaderLease b = leases.acquireOrRenew(role, "b", LEASE).orElseThrow();

        assertThat(b.holder()).isEqualTo("b");
        assertThat(b.term()).isEqualTo(a.term() + 1);
        assertThat(b.acquiredAt()).isEqualTo(clock.instant());
        assertThat(b.expiresAt()).isEqualTo(clock.instant().plus(LEASE));
        assertThat(leases.acquireOrRenew(role, "a", LEASE)).as("the old holder is refused now").isEmpty();
    }

    @Test
    void renewingByTheHolderExtendsTheLeaseInTheSameTerm() {
        LeaderLease first = leases.acquireOrRenew(role, "a", LEASE).orElseThrow();

        clock.advance(Duration.ofSeconds(10));
        LeaderLease renewed = leases.acquireOrRenew(role, "a", LEASE).orElseThrow();

        assertThat(renewed.term()).isEqualTo(first.term());
        assertThat(renewed.acquiredAt()).isEqualTo(first.acquiredAt());
        assertThat(renewed.expiresAt()).isEqualTo(clock.instant().plus(LEASE)).isAfter(first.expiresAt());
        clock.advance(Duration.ofSeconds(10));
        assertThat(leases.acquireOrRenew(role, "b", LEASE)).as("past the first expiry, within the renewed one")
                .isEmpty();
    }

    @Test
    void aHolderReturningAfterItsLeaseLapsedStartsANewTerm() {
        LeaderLease first = leases.acquireOrRenew(role, "a", LEASE).orElseThrow();

        clock.advance(LEASE);
        LeaderLease again = leases.acquireOrRenew(role, "a", LEASE).orElseThrow();

        assertThat(again.term()).isEqualTo(first.term() + 1);
        assertThat(again.acquiredAt()).isEqualTo(clock.instant());
    }

    @Test
    void resigningFreesTheLeaseAtOnce() {
        LeaderLease a = leases.acquireOrRenew(role, "a", LEASE).orElseThrow();

        assertThat(leases.resign(a)).isTrue();
        LeaderLease b = leases.acquireOrRenew(role, "b", LEASE).orElseThrow();

        assertThat(b.holder()).isEqualTo("b");
        assertThat(b.term()).as("terms keep growing across a resignation").isEqualTo(a.term() + 1);
    }

    @Test
    void onlyTheCurrentTermCanResign() {
        LeaderLease a = leases.acquireOrRenew(role, "a", LEASE).orElseThrow();
        clock.advance(LEASE);
        LeaderLease b = leases.acquireOrRenew(role, "b", LEASE).orElseThrow();

        assertThat(leases.resign(a)).as("a's term is over").isFalse();
        assertThat(leases.current(role)).contains(b);
    }

    @Test
    void resigningAnExpiredLeaseDoesNotReviveIt() {
        LeaderLease a = leases.acquireOrRenew(role, "a", LEASE).orElseThrow();
        clock.advance(LEASE.plusSeconds(1));

        assertThat(leases.resign(a)).isFalse();
        assertThat(leases.current(role).orElseThrow().expiresAt()).isEqualTo(a.expiresAt());
    }

    @Test
    void ofManyConcurrentContendersExactlyOneWins() throws Exception {
        int contenders = 8;
        CountDownLatch ready = new CountDownLatch(contenders);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<LeaderLease>>> attempts = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(contenders)) {
            for (int i = 0; i < contenders; i++) {
                String holder = "contender-" + i;
                attempts.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return leases.acquireOrRenew(role, holder, LEASE);
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<LeaderLease> won = new ArrayList<>();
            for (Future<Optional<LeaderLease>> attempt : attempts) {
                attempt.get(30, TimeUnit.SECONDS).ifPresent(won::add);
            }

            assertThat(won).hasSize(1);
            assertThat(leases.current(role)).contains(won.getFirst());
        }
    }
}
