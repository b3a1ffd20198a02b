package io.stepwise.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedTagValuesTest {

    @Test
    void namesBeyondTheLimitAreReportedAsOther() {
        var values = new BoundedTagValues(2, 64);
        assertThat(values.of("a")).isEqualTo("a");
        assertThat(values.of("b")).isEqualTo("b");
        assertThat(values.of("c")).isEqualTo(BoundedTagValues.OTHER);
        assertThat(values.of("a")).as("a name seen before the limit stays itself").isEqualTo("a");
    }

    @Test
    void longNamesAreCutAndMissingOnesAreNone() {
        var values = new BoundedTagValues(10, 6);
        assertThat(values.of("States.TaskFailed")).isEqualTo("States");
        assertThat(values.of("States.Timeout")).as("cut to the same prefix: one series").isEqualTo("States");
        assertThat(values.of(null)).isEqualTo(BoundedTagValues.NONE);
        assertThat(values.of("")).isEqualTo(BoundedTagValues.NONE);
    }
}
