package io.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.model.Retrier;
import io.stepwise.asl.model.Retrier.JitterStrategy;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Backoff and error matching of {@link Retries} on generated retriers, within the ranges AWS accepts:
 * IntervalSeconds 1..99999999, BackoffRate ≥ 1, MaxDelaySeconds 1..31622400 (a year), any jitter.
 */
class RetryProperties {

    @Provide
    Arbitrary<Retrier> retriers() {
        return Combinators.combine(Arbitraries.integers().between(1, 99_999_999),
                Arbitraries.doubles().between(1.0, 10.0),
                Arbitraries.integers().between(1, 31_622_400).injectNull(0.3),
                Arbitraries.of(JitterStrategy.class))
                .as((interval, backoff, maxDelay, jitter) -> new Retrier(List.of(ErrorNames.ALL), interval, 3, backoff,
                        maxDelay == null ? null : maxDelay.doubleValue(), jitter));
    }

    @Property
    void theDelayNeverExceedsMaxDelaySeconds(@ForAll("retriers") Retrier retrier,
            @ForAll @IntRange(min = 0, max = 200) int retriesSoFar, @ForAll long seed) {
        Duration delay = Retries.delay(retrier, retriesSoFar, new SplittableRandom(seed));
        if (retrier.maxDelaySeconds() != null) {
            assertThat(delay.toNanos()).isLessThanOrEqualTo((long) (retrier.maxDelaySeconds() * 1e9));
        }
        assertThat(delay).isGreaterThanOrEqualTo(Duration.ZERO);
    }

    @Property
    void withoutJitterTheDelayNeverShrinks(@ForAll("retriers") Retrier generated,
            @ForAll @IntRange(min = 0, max = 200) int retriesSoFar) {
        Retrier retrier = withJitter(generated, JitterStrategy.NONE);
        var random = new SplittableRandom(0);
        assertThat(Retries.delay(retrier, retriesSoFar + 1, random))
                .isGreaterThanOrEqualTo(Retries.delay(retrier, retriesSoFar, random));
    }

    @Property
    void fullJitterStaysBetweenZeroAndTheUnjitteredDelay(@ForAll("retriers") Retrier generated,
            @ForAll @IntRange(min = 0, max = 200) int retriesSoFar, @ForAll long seed) {
        Duration ceiling = Retries.delay(withJitter(generated, JitterStrategy.NONE), retriesSoFar,
                new SplittableRandom(seed));
        Duration jittered = Retries.delay(withJitter(generated, JitterStrategy.FULL), retriesSoFar,
                new SplittableRandom(seed));
        assertThat(jittered).isBetween(Duration.ZERO, ceiling);
    }

    @Provide
    Arbitrary<String> otherErrors() {
        Arbitrary<String> custom = Arbitraries.strings().alpha().numeric().withChars('.', '_').ofMinLength(1)
                .ofMaxLength(30);
        Arbitrary<String> named = Arbitraries.of(ErrorNames.TIMEOUT, ErrorNames.HEARTBEAT_TIMEOUT,
                ErrorNames.TASK_FAILED, ErrorNames.PERMISSIONS, ErrorNames.RESULT_PATH_MATCH_FAILURE,
                ErrorNames.PARAMETER_PATH_FAILURE, ErrorNames.QUERY_EVALUATION_ERROR, ErrorNames.BRANCH_FAILED,
                ErrorNames.NO_CHOICE_MATCHED, ErrorNames.INTRINSIC_FAILURE,
                ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD, "java.io.IOException", "Lambda.ServiceException");
        return Arbitraries.oneOf(custom, named)
                .filter(e -> !e.equals(ErrorNames.RUNTIME) && !e.equals(ErrorNames.DATA_LIMIT_EXCEEDED));
    }

    @Property
    void statesAllMatchesEveryErrorButTheTerminalOnes(@ForAll("otherErrors") String error) {
        assertThat(Retries.matches(List.of(ErrorNames.ALL), error)).isTrue();
        assertThat(Retries.matches(List.of(ErrorNames.ALL), ErrorNames.RUNTIME)).isFalse();
        assertThat(Retries.matches(List.of(ErrorNames.ALL), ErrorNames.DATA_LIMIT_EXCEEDED)).isFalse();
    }

    @Property
    void statesTaskFailedMatchesEveryErrorButTimeoutAndTheTerminalOnes(@ForAll("otherErrors") String error) {
        List<String> taskFailed = List.of(ErrorNames.TASK_FAILED);
        assertThat(Retries.matches(taskFailed, error)).isEqualTo(!error.equals(ErrorNames.TIMEOUT));
        assertThat(Retries.matches(taskFailed, ErrorNames.RUNTIME)).isFalse();
        assertThat(Retries.matches(taskFailed, ErrorNames.DATA_LIMIT_EXCEEDED)).isFalse();
    }

    private static Retrier withJitter(Retrier r, JitterStrategy jitter) {
        return new Retrier(r.errorEquals(), r.intervalSeconds(), r.maxAttempts(), r.backoffRate(), r.maxDelaySeconds(),
                jitter);
    }
}
