package io.stepwise.asl.validation;

import java.util.Optional;

/** The eight state types, in the order AWS lists them in its "should have one of these values" message. */
enum StateType {
    TASK("Task"),
    WAIT("Wait"),
    PASS("Pass"),
    SUCCEED("Succeed"),
    FAIL("Fail"),
    CHOICE("Choice"),
    PARALLEL("Parallel"),
    MAP("Map");

    private final String aslName;

    StateType(String aslName) {
        this.aslName = aslName;
    }

    String aslName() {
        return aslName;
    }

    /** Choice, Succeed and Fail decide their own successor (or have none), so they take no Next/End. */
    boolean takesNextOrEnd() {
        return this != CHOICE && this != SUCCEED && this != FAIL;
    }

    static Optional<StateType> fromAslName(String name) {
        for (StateType type : values()) {
            if (type.aslName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
