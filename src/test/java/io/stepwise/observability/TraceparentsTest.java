package io.stepwise.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The W3C traceparent Stepwise stores and hands to task handlers. */
class TraceparentsTest {

    private static final String SAMPLED = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aTraceparentReadsBackAsItWasWritten() {
        var context = Traceparents.parse(SAMPLED);
        assertThat(context.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(context.getSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(context.isSampled()).isTrue();
        assertThat(Traceparents.format(context)).isEqualTo(SAMPLED);
        assertThat(Traceparents.format(Traceparents.parse(SAMPLED.replaceAll("01$", "00")))).endsWith("-00");
    }

    @Test
    void anythingElseIsNoParent() {
        assertThat(Traceparents.parse(null)).isNull();
        assertThat(Traceparents.parse("")).isNull();
        assertThat(Traceparents.parse(SAMPLED + "-")).isNull();
        assertThat(Traceparents.parse(SAMPLED.replace("00-4bf", "01-4bf"))).as("unknown version").isNull();
        assertThat(Traceparents.parse(SAMPLED.replace("-00f0", "_00f0"))).isNull();
        assertThat(Traceparents.parse(SAMPLED.replaceAll("01$", "zz"))).isNull();
        assertThat(Traceparents.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).as("zero trace id")
                .isNull();
        assertThat(Traceparents.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).as("zero span id")
                .isNull();
    }
}
