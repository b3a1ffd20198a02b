package io.stepwise.asl.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The eight state types, in the order AWS lists them in its "should have one of these values" message,
 * with the fields each accepts under each query language. The split between the languages is the point:
 * JSONPath states shape data with InputPath/Parameters/ResultSelector/ResultPath/OutputPath, JSONata
 * states with Arguments/Output, and mixing them is an error.
 */
public enum StateType {
    TASK("Task",
            Set.of("Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Retry",
                    "Catch", "Resource", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds",
                    "HeartbeatSecondsPath", "Credentials", "Assign"),
            Set.of("Next", "End", "Arguments", "Output", "Assign", "Retry", "Catch", "Resource", "TimeoutSeconds",
                    "HeartbeatSeconds", "Credentials")),
    WAIT("Wait",
            Set.of("Next", "End", "InputPath", "OutputPath", "Seconds", "SecondsPath", "Timestamp", "TimestampPath",
                    "Assign"),
            Set.of("Next", "End", "Seconds", "Timestamp", "Output", "Assign")),
    PASS("Pass",
            Set.of("Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "Result", "Assign"),
            Set.of("Next", "End", "Output", "Assign")),
    SUCCEED("Succeed",
            Set.of("InputPath", "OutputPath"),
            Set.of("Output")),
    FAIL("Fail",
            Set.of("Error", "ErrorPath", "Cause", "CausePath"),
            Set.of("Error", "Cause")),
    CHOICE("Choice",
            Set.of("InputPath", "OutputPath", "Choices", "Default", "Assign"),
            Set.of("Choices", "Default", "Output", "Assign")),
    PARALLEL("Parallel",
            Set.of("Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Retry",
                    "Catch", "Branches", "Assign"),
            Set.of("Next", "End", "Arguments", "Output", "Assign", "Retry", "Catch", "Branches")),
    MAP("Map",
            Set.of("Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Retry",
                    "Catch", "ItemProcessor", "Iterator", "ItemsPath", "ItemSelector", "ItemReader", "ResultWriter",
                    "ItemBatcher", "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailureCount",
                    "ToleratedFailureCountPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath",
                    "Label", "Assign"),
            Set.of("Next", "End", "Items", "ItemSelector", "ItemProcessor", "Iterator", "ItemReader", "ResultWriter",
                    "ItemBatcher", "MaxConcurrency", "ToleratedFailureCount", "ToleratedFailurePercentage", "Label",
                    "Output", "Assign", "Retry", "Catch"));

    private static final Set<String> EVERY_STATE = Set.of("Type", "Comment", "QueryLanguage");

    private final String aslName;
    private final Set<String> jsonPathFields;
    private final Set<String> jsonataFields;

    StateType(String aslName, Set<String> jsonPathFields, Set<String> jsonataFields) {
        this.aslName = aslName;
        this.jsonPathFields = jsonPathFields;
        this.jsonataFields = jsonataFields;
    }

    public String aslName() {
        return aslName;
    }

    /** Every field a state of this type may have under the language, those all states share included. */
    public boolean allows(String field, QueryLanguage language) {
        return EVERY_STATE.contains(field)
                || (language == QueryLanguage.JSONATA ? jsonataFields : jsonPathFields).contains(field);
    }

    /** Choice, Succeed and Fail decide their own successor (or have none): their fields have no Next/End. */
    public boolean takesNextOrEnd() {
        return jsonPathFields.contains("Next");
    }

    /** Empty for anything else: AWS matches the name exactly, case included. */
    public static Optional<StateType> fromAslName(String name) {
        return Arrays.stream(values()).filter(type -> type.aslName.equals(name)).findFirst();
    }
}
