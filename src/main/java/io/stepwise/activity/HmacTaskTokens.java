package io.stepwise.activity;

import io.stepwise.engine.Frame;
import io.stepwise.engine.TaskTokens;
import io.stepwise.store.Callbacks;
import io.stepwise.task.IdempotencyKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;

/**
 * Task tokens of the durable engine: the HMAC-SHA256 of the attempt's idempotency key under a secret
 * kept in the database, 192 bits of it. Every run of one attempt (a re-run after a lost lease, on any
 * replica) derives the same token, and a poll can hand an activity's token out without storing it. The
 * database keeps only each token's SHA-256, so reading the table does not let anyone answer a task.
 */
@Component
public class HmacTaskTokens implements TaskTokens {

    private final Callbacks callbacks;
    private volatile byte[] key;

    HmacTaskTokens(Callbacks callbacks) {
        this.callbacks = callbacks;
    }

    @Override
    public String token(Frame frame, String stateName, long visit, int attempt) {
        return token(AttemptKeys.of(frame, stateName, visit, attempt).toString());
    }

    /** The token of the attempt named by {@code attemptKey} (an {@link IdempotencyKey} string). */
    public String token(String attemptKey) {
        return TaskTokens.hmac(key(), attemptKey);
    }

    /** What the database keeps of a token, and looks answers up by. */
    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            // read on first use, not at start-up: the migration that makes it may run after this bean exists
            k = callbacks.tokenSecret();
            key = k;
        }
        return k;
    }
}
