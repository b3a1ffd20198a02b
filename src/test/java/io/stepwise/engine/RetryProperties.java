package io.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.model.Retrier;
import io.stepwise.asl.model.Retrier.JitterStrategy;
import io.stepwise.support.Seeded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Backoff and error matching of {@link Retries} on generated retriers, within the ranges AWS accepts:
 * IntervalSeconds 1..99999999, BackoffRate ≥ 1, MaxDelaySeconds 1..31622400 (a year), any jitter.
 */
class RetryProperties {

    private static final int MAX_INTERVAL = 99_999_999;
    private static final int MAX_DELAY = 31_622_400;
    private static final int MAX_RETRIES_SO_FAR = 200;
    private static final String ERROR_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._";
    private static final List<String> NAMED_ERRORS = List.of(ErrorNames.TIMEOUT, ErrorNames.HEARTBEAT_TIMEOUT,
            ErrorNames.TASK_FAILED, ErrorNames.PERMISSIONS, ErrorNames.RESULT_PATH_MATCH_FAILURE,
            ErrorNames.PARAMETER_PATH_FAILURE, ErrorNames.QUERY_EVALUATION_ERROR, ErrorNames.BRANCH_FAILED,
            ErrorNames.NO_CHOICE_MATCHED, ErrorNames.INTRINSIC_FAILURE,
            ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD, "java.io.IOException", "Lambda.ServiceException");

    /** A retrier, the retries so far (0..200) and a seed for the jitter's random numbers. */
    record Attempt(Retrier retrier, int retriesSoFar, long seed) {
    }

    @Test
    void theDelayNeverExceedsMaxDelaySeconds() {
        Seeded.forAll(edgeAttempts(), Seeded.TRIES, RetryProperties::attempt, attempt -> {
            Retrier retrier = attempt.retrier();
            Duration delay = Retries.delay(retrier, attempt.retriesSoFar(), new SplittableRandom(attempt.seed()));
            if (retrier.maxDelaySeconds() != null) {
                assertThat(delay.toNanos()).isLessThanOrEqualTo((long) (retrier.maxDelaySeconds() * 1e9));
            }
            assertThat(delay).isGreaterThanOrEqualTo(Duration.ZERO);
        });
    }

    @Test
    void withoutJitterTheDelayNeverShrinks() {
        Seeded.forAll(edgeAttempts(), Seeded.TRIES, RetryProperties::attempt, attempt -> {
            Retrier retrier = withJitter(attempt.retrier(), JitterStrategy.NONE);
            var random = new SplittableRandom(0);
            assertThat(Retries.delay(retrier, attempt.retriesSoFar() + 1, random))
                    .isGreaterThanOrEqualTo(Retries.delay(retrier, attempt.retriesSoFar(), random));
        });
    }

    @Test
    void fullJitterStaysBetweenZeroAndTheUnjitteredDelay() {
        Seeded.forAll(edgeAttempts(), Seeded.TRIES, RetryProperties::attempt, attempt -> {
            Duration ceiling = Retries.delay(withJitter(attempt.retrier(), JitterStrategy.NONE),
                    attempt.retriesSoFar(), new SplittableRandom(attempt.seed()));
            Duration jittered = Retries.delay(withJitter(attempt.retrier(), JitterStrategy.FULL),
                    attempt.retriesSoFar(), new SplittableRandom(attempt.seed()));
            assertThat(jittered).isBetween(Duration.ZERO, ceiling);
        });
    }

    @Test
    void statesAllMatchesEveryErrorButTheTerminalOnes() {
        Seeded.forAll(edgeErrors(), Seeded.TRIES, RetryProperties::otherError, error -> {
            assertThat(Retries.matches(List.of(ErrorNames.ALL), error)).isTrue();
            assertThat(Retries.matches(List.of(ErrorNames.ALL), ErrorNames.RUNTIME)).isFalse();
            assertThat(Retries.matches(List.of(ErrorNames.ALL), ErrorNames.DATA_LIMIT_EXCEEDED)).isFalse();
        });
    }

    @Test
    void statesTaskFailedMatchesEveryErrorButTimeoutAndTheTerminalOnes() {
        Seeded.forAll(edgeErrors(), Seeded.TRIES, RetryProperties::otherError, error -> {
            List<String> taskFailed = List.of(ErrorNames.TASK_FAILED);
            assertThat(Retries.matches(taskFailed, error)).isEqualTo(!error.equals(ErrorNames.TIMEOUT));
            assertThat(Retries.matches(taskFailed, ErrorNames.RUNTIME)).isFalse();
            assertThat(Retries.matches(taskFailed, ErrorNames.DATA_LIMIT_EXCEEDED)).isFalse();
        });
    }

    /**
     * IntervalSeconds 1..99999999; BackoffRate 1.0..10.0, half the time with two decimals, otherwise at
     * full precision; MaxDelaySeconds absent 3 times in 10, else 1..31622400.
     */
    private static Retrier retrier(RandomGenerator random) {
        int interval = random.nextInt(1, MAX_INTERVAL + 1);
        double backoff = random.nextBoolean() ? random.nextInt(100, 1001) / 100.0
                : random.nextDouble(1.0, Math.nextUp(10.0));
        Integer maxDelay = random.nextDouble() < 0.3 ? null : random.nextInt(1, MAX_DELAY + 1);
        return retrier(interval, backoff, maxDelay, Seeded.pick(random, JitterStrategy.values()));
    }

    private static Retrier retrier(int interval, double backoff, Integer maxDelay, JitterStrategy jitter) {
        return new Retrier(List.of(ErrorNames.ALL), interval, 3, backoff,
                maxDelay == null ? null : maxDelay.doubleValue(), jitter);
    }

    private static Attempt attempt(RandomGenerator random) {
        return new Attempt(retrier(random), random.nextInt(0, MAX_RETRIES_SO_FAR + 1), random.nextLong());
    }

    /** Every combination of the bounds: interval, backoff, max delay (absent included), jitter, retries so far. */
    private static List<Attempt> edgeAttempts() {
        List<Attempt> attempts = new ArrayList<>();
        for (int interval : new int[] {1, MAX_INTERVAL}) {
            for (double backoff : new double[] {1.0, 10.0}) {
                for (Integer maxDelay : Arrays.asList(null, 1, MAX_DELAY)) {
                    for (JitterStrategy jitter : JitterStrategy.values()) {
                        for (int retriesSoFar : new int[] {0, 1, MAX_RETRIES_SO_FAR}) {
                            for (long seed : new long[] {0L, Long.MIN_VALUE}) {
                                attempts.add(new Attempt(retrier(interval, backoff, maxDelay, jitter), retriesSoFar,
                                        seed));
                            }
                        }
                    }
                }
            }
        }
        return attempts;
    }

    /** A named error or, half the time, 1..30 letters, digits, dots and underscores; never a terminal one. */
    private static String otherError(RandomGenerator random) {
        String error;
        do {
            error = random.nextBoolean() ? Seeded.string(random, ERROR_CHARS, 1, 30) : Seeded.pick(random, NAMED_ERRORS);
        } while (error.equals(ErrorNames.RUNTIME) || error.equals(ErrorNames.DATA_LIMIT_EXCEEDED));
        return error;
    }

    private static List<String> edgeErrors() {
        List<String> errors = new ArrayList<>(NAMED_ERRORS);
        errors.addAll(List.of("a", "Z", "0", ".", "_", "States.", "z".repeat(30)));
        return errors;
    }

    private static Retrier withJitter(Retrier r, JitterStrategy jitter) {
        return new Retrier(r.errorEquals(), r.intervalSeconds(), r.maxAttempts(), r.backoffRate(), r.maxDelaySeconds(),
                jitter);
    }
}
