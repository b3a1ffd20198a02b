package io.stepwise.asl.model;

/** Where a non-terminal state goes: to {@code next}, or it ends the (sub-)machine when next is null. */
public record Transition(String next) {

    public static final Transition END = new Transition(null);

    public boolean isEnd() {
        return next == null;
    }
}
