package io.stepwise.store;

/** How a claimed step resumes the interpreter (the step table's kind column). */
public enum StepKind {
    /** enter the step's state with its input */
    ENTER,
    /** run the step's Task again after a retry backoff */
    TASK,
    /** leave the step's Wait state */
    WAIT,
    /** join the children of the step's Parallel/Map state */
    FAN_IN,
    /** the step's Task waits for the answer to its task token (an activity, or {@code .waitForTaskToken}) */
    CALLBACK
}
