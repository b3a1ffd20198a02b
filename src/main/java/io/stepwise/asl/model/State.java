package io.stepwise.asl.model;

/** One state of a state machine; one record per ASL state type. */
public sealed interface State permits PassState, ChoiceState, WaitState, SucceedState, FailState, Recoverable {

    Common common();

    default String name() {
        return common().name();
    }

    /** The state's {@code Type} as written in ASL, the {@link StateType#aslName()} of its record. */
    String type();
}
