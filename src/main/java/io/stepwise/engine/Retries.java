package io.stepwise.engine;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.model.Retrier;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/** Error matching and backoff, as AWS Step Functions applies them. */
public final class Retries {

    private Retries() {
    }

    /**
     * Whether a Retry or Catch rule's ErrorEquals matches {@code error}. States.ALL matches everything
     * but the terminal errors States.Runtime and States.DataLimitExceeded; States.TaskFailed matches
     * every error except States.Timeout and those terminal ones. States.Runtime is matched by nothing,
     * not even by name: AWS fails the execution although a Catch lists it (a recorded AWS run). An error
 * without a name is caught by States.ALL only.
     */
    public static boolean matches(List<String> errorEquals, String error) {
        if (error == null) {
            // an error without a name (a Fail state or a callback failure with none): States.ALL still
            // catches it, as recorded AWS runs show
            return errorEquals.contains(ErrorNames.ALL);
        }
        if (ErrorNames.RUNTIME.equals(error)) {
            return false;
        }
        if (errorEquals.contains(error)) {
            return true;
        }
        boolean terminal = ErrorNames.RUNTIME.equals(error) || ErrorNames.DATA_LIMIT_EXCEEDED.equals(error);
        if (terminal) {
            return false;
        }
        if (errorEquals.contains(ErrorNames.ALL)) {
            return true;
        }
        return errorEquals.contains(ErrorNames.TASK_FAILED) && !ErrorNames.TIMEOUT.equals(error);
    }

    /**
     * The delay before retry number {@code retriesSoFar + 1} of this retrier: IntervalSeconds ×
     * BackoffRate^retriesSoFar, capped by MaxDelaySeconds; FULL jitter draws uniformly below that.
     */
    public static Duration delay(Retrier retrier, int retriesSoFar, RandomGenerator random) {
        double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), retriesSoFar);
        if (retrier.maxDelaySeconds() != null) {
            seconds = Math.min(seconds, retrier.maxDelaySeconds());
        }
        if (retrier.jitter() == Retrier.JitterStrategy.FULL) {
            seconds = random.nextDouble() * seconds;
        }
        return Duration.ofNanos((long) (seconds * 1_000_000_000L));
    }
}
