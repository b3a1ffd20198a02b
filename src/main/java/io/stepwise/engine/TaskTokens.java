package io.stepwise.engine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where the {@code $$.Task.Token} of a callback task comes from. One attempt has one token, whoever
 * asks (Parameters, the handler's context object, a re-run of the attempt); the durable engine derives
 * it under a key kept in its database, the in-process runner and TestState under a key of their own.
 */
@FunctionalInterface
public interface TaskTokens {

    /**
     * The token of one attempt of the Task {@code stateName} in {@code frame}: its {@code visit} (see
     * {@link Outcome.RunTask}) and {@code attempt} (retries so far).
     */
    String token(Frame frame, String stateName, long visit, int attempt);

    /**
     * Unguessable tokens (192 bits of HMAC-SHA256) under a key drawn from {@code random} when the first
     * token is asked for, so a run without callback tasks draws nothing (its retry jitter stays as seeded).
     */
    static TaskTokens random(RandomGenerator random) {
        AtomicReference<byte[]> key = new AtomicReference<>();
        return (frame, stateName, visit, attempt) -> hmac(key.updateAndGet(k -> k != null ? k : draw(random)),
                frame.execution().executionId() + "/" + frame.execution().redriveCount() + "/"
                        + frame.path().elements() + "/" + stateName + "#" + visit + "." + attempt);
    }

    private static byte[] draw(RandomGenerator random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    /** 192 bits of HMAC-SHA256 of {@code text} under {@code key}, base64url without padding. */
    static String hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 24));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
