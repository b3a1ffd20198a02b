package io.stepwise.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.support.Asl;
import io.stepwise.support.Replicas;
import io.stepwise.support.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A lease's token is what lets its holder, and only its holder, finish a step. The claim hands one token
 * to all the steps one statement claims (StepClaimReady), so what must hold is that every lease of a
 * step has a token of its own: the worker that lost a step to a rescue cannot complete it any more.
 */
class StepLeasesTest {

    private static ConfigurableApplicationContext replica;

    @BeforeAll
    static void start() {
        replica = Replicas.start(TestDatabase.get().isolated("step_leases"), "stepwise.worker.enabled=false");
    }

    @AfterAll
    static void stop() {
        replica.close();
    }

    @Test
    void aStepClaimedAgainAfterARescueTakesANewTokenAndTheOldHolderCannotFinishIt() {
        replica.getBean(StateMachines.class).register("leases", Json.parse(Asl.single("Work", """
                {"Type": "Task", "Resource": "test:count", "End": true}""")), null);
        List<Executions.StartRequest> starts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            starts.add(new Executions.StartRequest("leases", null, null, Json.parse("{\"n\": " + i + "}")));
        }
        replica.getBean(Executions.class).startAll(starts);
        StepStore steps = replica.getBean(StepStore.class);
        Instant now = Instant.now().plusSeconds(5); // past every run_at, whatever the service's clock says

        List<ClaimedStep> first = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // one claiming statement each: five leases, five tokens
            first.addAll(steps.claimReady("default", false, "lost", 1, now, now.plusSeconds(60)));
        }
        assertThat(first).hasSize(5);
        assertThat(first.stream().map(ClaimedStep::leaseToken).collect(Collectors.toSet())).hasSize(5);

        Instant expired = now.plusSeconds(120); // the first leases have run out: a rescue makes the steps READY again
        assertThat(steps.rescueExpired(expired, 100)).isEqualTo(5);
        List<ClaimedStep> second = steps.claimReady("default", false, "finder", 100, expired, expired.plusSeconds(60));
        assertThat(second).hasSize(5);
        Map<Long, ClaimedStep> again = second.stream().collect(Collectors.toMap(ClaimedStep::id, Function.identity()));
        assertThat(again.keySet()).isEqualTo(first.stream().map(ClaimedStep::id).collect(Collectors.toSet()));

        Set<UUID> oldTokens = new HashSet<>();
        for (ClaimedStep lost : first) {
            oldTokens.add(lost.leaseToken());
            assertThat(again.get(lost.id()).leaseToken()).as("step %d's second lease", lost.id())
                    .isNotEqualTo(lost.leaseToken());
            assertThat(steps.deleteLeased(lost)).as("the holder of step %d's first lease", lost.id()).isFalse();
        }
        assertThat(oldTokens).doesNotContain(second.getFirst().leaseToken());
        for (ClaimedStep held : second) {
            assertThat(steps.deleteLeased(held)).as("the holder of step %d's current lease", held.id()).isTrue();
        }
    }
}
