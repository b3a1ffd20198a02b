package io.stepwise.asl.intrinsic;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.StatesError;

/**
 * The errors an intrinsic call raises while it runs. AWS reports these as {@code States.Runtime}
 * with the cause "Invalid arguments in States.X", not as the spec's States.IntrinsicFailure, and a
 * States.Runtime is not caught by States.ALL; this is the one place to change if AWS changes.
 */
final class IntrinsicFailures {

    static final String ERROR = ErrorNames.RUNTIME;

    private IntrinsicFailures() {
    }

    static StatesError invalidArguments(IntrinsicFunction function) {
        return new StatesError(ERROR, "Invalid arguments in " + function.functionName());
    }

    static StatesError pathNotFound(String path, String renderedInput) {
        return new StatesError(ERROR, "The JsonPath argument for the field '" + path
                + "' could not be found in the input '" + renderedInput + "'");
    }
}
