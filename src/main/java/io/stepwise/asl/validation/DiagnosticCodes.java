package io.stepwise.asl.validation;

/**
 * The codes a {@link Diagnostic} carries. They are AWS's ValidateStateMachineDefinition codes, so
 * tooling written against AWS reads ours the same way; AWS reports most rule violations as
 * {@link #SCHEMA_VALIDATION_FAILED} and so do we.
 */
public final class DiagnosticCodes {

    /** The definition text is not JSON (only from the string entry point). */
    public static final String INVALID_JSON_DESCRIPTION = "INVALID_JSON_DESCRIPTION";
    /** No definition at all: null, missing or blank. */
    public static final String MISSING_DESCRIPTION = "MISSING_DESCRIPTION";
    /** A field is missing, unknown, of the wrong type or holds an unacceptable value. */
    public static final String SCHEMA_VALIDATION_FAILED = "SCHEMA_VALIDATION_FAILED";
    /** A Task's Resource is not a well-formed ARN of something a Task can run. */
    public static final String INVALID_RESOURCE = "INVALID_RESOURCE";
    /** A (sub-)state machine has no state that ends it. */
    public static final String MISSING_END_STATE = "MISSING_END_STATE";
    /** A state name is used twice anywhere in the definition, sub-machines included. */
    public static final String DUPLICATE_STATE_NAME = "DUPLICATE_STATE_NAME";
    /** A state name is longer than 80 characters. */
    public static final String INVALID_STATE_NAME = "INVALID_STATE_NAME";
    /** StartAt, Next, Default or a Catch's Next names no state of the same (sub-)machine. */
    public static final String MISSING_TRANSITION_TARGET = "MISSING_TRANSITION_TARGET";
    /** No path of transitions leads from StartAt to the state. */
    public static final String UNREACHABLE_STATE = "UNREACHABLE_STATE";

    /** Warning: a payload field's value looks like a path or intrinsic call but its name lacks ".$". */
    public static final String NO_DOLLAR = "NO_DOLLAR";
    /** Warning: a Choice comparison value looks like a path but the operator is not a "...Path" one. */
    public static final String NO_PATH = "NO_PATH";
    /** Warning: a Pass state's Result has a ".$" field, which is not evaluated. */
    public static final String PASS_RESULT_IS_STATIC = "PASS_RESULT_IS_STATIC";

    private DiagnosticCodes() {
    }
}
