package io.stepwise.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stepwise.support.Api;
import io.stepwise.support.Asl;
import io.stepwise.support.IntegrationTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The worker's group commit reports each batch: how many completions it applied and how long it took with
 * its commit, the number to look at when due timers run late.
 */
class CompletionMetricsTest extends IntegrationTest {

    private static final int EXECUTIONS = 5;

    @Autowired
    MeterRegistry registry;

    @Test
    void everyCompletionIsCountedInABatchThatWasTimed() {
        Api.Response put = api.put("/v1/state-machines/completion-metrics", Asl.putBody(Asl.of(
                "Echo", """
                        {"Type": "Task", "Resource": "stepwise:echo", "End": true}""")));
        assertThat(put.status()).as(put.raw()).isIn(200, 201);
        DistributionSummary sizes = registry.get("stepwise.completion.batch.size").summary();
        Timer durations = registry.get("stepwise.completion.duration").timer();
        double completionsBefore = sizes.totalAmount();
        long batchesBefore = durations.count();

        for (int i = 0; i < EXECUTIONS; i++) {
            Api.Response run = api.post("/v1/executions/sync",
                    "{\"stateMachine\": \"completion-metrics\", \"input\": {\"n\": " + i + "}}");
            assertThat(run.status()).as(run.raw()).isEqualTo(200);
            assertThat(run.body().get("status").asString()).isEqualTo("SUCCEEDED");
        }

        // each execution ended through at least one completion, each completion in a timed batch
        assertThat(sizes.totalAmount() - completionsBefore).isGreaterThanOrEqualTo(EXECUTIONS);
        assertThat(durations.count() - batchesBefore).isGreaterThanOrEqualTo(1);
        assertThat(durations.max(TimeUnit.NANOSECONDS)).isPositive();
    }
}
