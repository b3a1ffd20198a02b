package io.stepwise.engine;

/**
 * What a mocked Task, Parallel or Map returns in a TestState call instead of doing its work: a
 * result (JSON text, as AWS takes it), or an error.
 */
public sealed interface TestStateMock {

    /** {@code json} is the result as JSON text: for a Map or Parallel, the array of all outputs. */
    record Result(String json) implements TestStateMock {
    }

    /** {@code cause} may be null. */
    record ErrorOutput(String error, String cause) implements TestStateMock {
    }
}
