package io.stepwise.activity;

import io.stepwise.engine.Frame;
import io.stepwise.engine.MachinePath;
import io.stepwise.task.IdempotencyKey;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The {@link IdempotencyKey} of one attempt of a Task in a frame of the durable engine. */
public final class AttemptKeys {

    private AttemptKeys() {
    }

    /** The key of attempt {@code attempt} of the {@code visit} to Task {@code stateName} in {@code frame}. */
    public static IdempotencyKey of(Frame frame, String stateName, long visit, int attempt) {
        List<IdempotencyKey.Scope> scope = new ArrayList<>();
        for (MachinePath.Element e : frame.path().elements()) {
            scope.add(new IdempotencyKey.Scope(e.state(), e.visit(), e.attempt(), e.index()));
        }
        return new IdempotencyKey(UUID.fromString(frame.execution().executionId()), frame.execution().redriveCount(),
                scope, stateName, visit, attempt);
    }
}
