package io.stepwise.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.store.LeaderLeases;
import io.stepwise.support.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class MaintenanceSchedulerTest extends IntegrationTest {

    private static final MaintenanceProperties SETTINGS =
            new MaintenanceProperties(true, Duration.ofSeconds(60), Duration.ofSeconds(1));

    @Autowired
    LeaderLeases leases;

    private LeaderElection election(String holder, String role) {
        return new LeaderElection(leases, SETTINGS, Clock.systemUTC(), role, holder);
    }

    private static MaintenanceTask task(Duration interval, Runnable work) {
        return new MaintenanceTask() {
            @Override
            public Duration interval() {
                return interval;
            }

            @Override
            public void run() {
                work.run();
            }
        };
    }

    @Test
    void tasksRunOnlyOnTheLeader() {
        String role = "test-" + UUID.randomUUID();
        LeaderElection leader = election("leader", role);
        LeaderElection follower = election("follower", role);
        assertThat(leader.acquireOrRenew()).isTrue();
        assertThat(follower.acquireOrRenew()).isFalse();
        AtomicInteger runs = new AtomicInteger();
        MaintenanceTask count = task(Duration.ofSeconds(1), runs::incrementAndGet);

        assertThat(new MaintenanceScheduler(follower, List.of(count)).runIfLeader(count)).isFalse();
        assertThat(runs).hasValue(0);
        assertThat(new MaintenanceScheduler(leader, List.of(count)).runIfLeader(count)).isTrue();
        assertThat(runs).hasValue(1);
    }

    @Test
    void aStartedSchedulerRunsTasksRepeatedlyEvenAfterOneFailed() throws Exception {
        LeaderElection leader = election("leader", "test-" + UUID.randomUUID());
        assertThat(leader.acquireOrRenew()).isTrue();
        CountDownLatch threeRuns = new CountDownLatch(3);
        MaintenanceTask flaky = task(Duration.ofMillis(10), () -> {
            threeRuns.countDown();
            if (threeRuns.getCount() == 2) {
                throw new IllegalStateException("first run fails");
            }
        });
        MaintenanceScheduler scheduler = new MaintenanceScheduler(leader, List.of(flaky));

        scheduler.start();
        try {
            assertThat(threeRuns.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            scheduler.stop();
        }
        assertThat(scheduler.isRunning()).isFalse();
    }
}
