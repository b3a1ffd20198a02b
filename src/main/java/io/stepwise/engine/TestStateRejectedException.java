package io.stepwise.engine;

import io.stepwise.asl.validation.Diagnostic;
import java.util.List;

/**
 * A TestState call that cannot run: the API layer answers it with a client error (400) carrying
 * {@link #reason()}, the message and, for an invalid definition, the validator's diagnostics.
 */
public class TestStateRejectedException extends RuntimeException {

    public enum Reason {
        /** The definition is not valid ASL; see {@link #diagnostics()}. */
        INVALID_DEFINITION,
        /** The request contradicts itself or the definition (bad JSON, unknown state, misplaced mock...). */
        INVALID_REQUEST,
        /** The state would call an AWS service (or read items from one): only a mock lets it run here. */
        NEEDS_MOCK
    }

    private final Reason reason;
    private final List<Diagnostic> diagnostics;

    public TestStateRejectedException(Reason reason, String message) {
        this(reason, message, List.of());
    }

    public TestStateRejectedException(Reason reason, String message, List<Diagnostic> diagnostics) {
        super(message);
        this.reason = reason;
        this.diagnostics = List.copyOf(diagnostics);
    }

    public Reason reason() {
        return reason;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
