package io.stepwise.asl.model;

/** One state of a state machine; one record per ASL state type. */
public sealed interface State permits PassState, SucceedState {

    String name();
}
