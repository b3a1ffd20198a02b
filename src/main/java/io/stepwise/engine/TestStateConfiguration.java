package io.stepwise.engine;

/**
 * The situation a TestState call puts the state in, as AWS's {@code stateConfiguration}. Every field
 * is optional (null).
 *
 * @param retrierRetryCount        how often the matching Retrier has already fired
 * @param mapIterationFailureCount how many Map iterations failed, checked against the tolerated failures
 * @param errorCausedByState       the state inside the Map/Parallel that raised the mocked error
 * @param mapItemReaderData        JSON array text standing in for what the Map's ItemReader would read
 */
public record TestStateConfiguration(Integer retrierRetryCount, Integer mapIterationFailureCount,
        String errorCausedByState, String mapItemReaderData) {

    public static final TestStateConfiguration NONE = new TestStateConfiguration(null, null, null, null);
}
