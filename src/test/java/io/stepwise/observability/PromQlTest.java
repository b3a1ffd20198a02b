package io.stepwise.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsTheMetricNamesButNotFunctionsLabelsOrKeywords() {
        assertThat(PromQl.metricNames("""
                histogram_quantile(0.95, sum by (le, resource) (rate(stepwise_task_duration_seconds_bucket{uri=~"/v1/.*", \
                status!="5xx"}[$__rate_interval]))) / on (instance) group_left stepwise_worker_slots > bool 0.2 \
                unless on () (sum(rate(stepwise_claim_batch_size_sum[5m])) > 0)"""))
                .containsExactly("stepwise_task_duration_seconds_bucket", "stepwise_worker_slots",
                        "stepwise_claim_batch_size_sum");
    }

    @Test
    void splitsAtTopLevelSetOperatorsOnly() {
        assertThat(PromQl.topLevelOperands("max by (queue) (a{status=\"ready\"}) > 0\nunless on () (sum(rate(b[5m])) > 0)"))
                .containsExactly("max by (queue) (a{status=\"ready\"}) > 0", "(sum(rate(b[5m])) > 0)");
        assertThat(PromQl.topLevelOperands("sum(a and b)")).containsExactly("sum(a and b)");
        assertThat(PromQl.topLevelOperands("a{x=\"or\"} or brand")).containsExactly("a{x=\"or\"}", "brand");
    }

    @Test
    void comparisonsBecomeBoolButMatchersStay() {
        assertThat(PromQl.withBoolComparisons("a{status!=\"x\", q=~\"<y>\"} > 300"))
                .isEqualTo("a{status!=\"x\", q=~\"<y>\"} > bool 300");
        assertThat(PromQl.withBoolComparisons("a >= bool 3")).isEqualTo("a >= bool 3");
    }
}
