package io.stepwise.asl.model;

/** Succeed: ends the (sub-)machine successfully. */
public record SucceedState(Common common) implements State {

    @Override
    public String type() {
        return StateType.SUCCEED.aslName();
    }
}
