package io.stepwise.asl.model;

/** Succeed: ends the (sub-)machine successfully with its input as output. */
public record SucceedState(String name) implements State {
}
