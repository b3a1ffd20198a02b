package io.stepwise.engine;

import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * Where the {@code $$.Task.Token} of a callback task comes from. The durable engine derives it from
 * the attempt (so a step re-run after a lost lease hands out the same token its first run may already
 * have sent somewhere); the in-process runner and TestState draw a random one.
 */
@FunctionalInterface
public interface TaskTokens {

    /**
     * The token of one attempt of the Task {@code stateName} in {@code frame}: its {@code visit} (see
     * {@link Outcome.RunTask}) and {@code attempt} (retries so far).
     */
    String token(Frame frame, String stateName, long visit, int attempt);

    /** Unguessable and different for every call: 192 random bits from {@code random}. */
    static TaskTokens random(RandomGenerator random) {
        return (frame, stateName, visit, attempt) -> {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        };
    }
}
