package io.stepwise.activity;

import io.stepwise.engine.Frame;
import io.stepwise.engine.TaskTokens;
import io.stepwise.store.Callbacks;
import io.stepwise.task.IdempotencyKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Task tokens of the durable engine: the HMAC-SHA256 of the attempt's idempotency key under a secret
 * kept in the database, 192 bits of it. Every run of one attempt (a re-run after a lost lease, on any
 * replica) derives the same token, and a poll can hand an activity's token out without storing it. The
 * database keeps only each token's SHA-256, so reading the table does not let anyone answer a task.
 */
@Component
public class HmacTaskTokens implements TaskTokens {

    private static final int TOKEN_BYTES = 24;

    private final Callbacks callbacks;
    private volatile SecretKeySpec key;

    HmacTaskTokens(Callbacks callbacks) {
        this.callbacks = callbacks;
    }

    @Override
    public String token(Frame frame, String stateName, long visit, int attempt) {
        return token(AttemptKeys.of(frame, stateName, visit, attempt).toString());
    }

    /** The token of the attempt named by {@code attemptKey} (an {@link IdempotencyKey} string). */
    public String token(String attemptKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            byte[] digest = mac.doFinal(attemptKey.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, TOKEN_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** What the database keeps of a token, and looks answers up by. */
    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            // read on first use, not at start-up: the migration that makes it may run after this bean exists
            k = new SecretKeySpec(callbacks.tokenSecret(), "HmacSHA256");
            key = k;
        }
        return k;
    }
}
