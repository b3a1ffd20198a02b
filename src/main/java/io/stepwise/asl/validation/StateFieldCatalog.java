package io.stepwise.asl.validation;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Which fields each state type accepts under each query language. The split between the languages is
 * the point: JSONPath states shape data with InputPath/Parameters/ResultSelector/ResultPath/OutputPath,
 * JSONata states with Arguments/Output, and mixing them is an error.
 */
final class StateFieldCatalog {

    private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");

    private static final Map<StateType, Set<String>> JSONPATH = new EnumMap<>(StateType.class);
    private static final Map<StateType, Set<String>> JSONATA = new EnumMap<>(StateType.class);

    static {
        JSONPATH.put(StateType.PASS, Set.of("Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters",
                "Result", "Assign"));
        JSONPATH.put(StateType.TASK, Set.of("Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters",
                "ResultSelector", "Retry", "Catch", "Resource", "TimeoutSeconds", "TimeoutSecondsPath",
                "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials", "Assign"));
        JSONPATH.put(StateType.CHOICE, Set.of("InputPath", "OutputPath", "Choices", "Default", "Assign"));
        JSONPATH.put(StateType.WAIT, Set.of("Next", "End", "InputPath", "OutputPath", "Seconds", "SecondsPath",
                "Timestamp", "TimestampPath", "Assign"));
        JSONPATH.put(StateType.SUCCEED, Set.of("InputPath", "OutputPath"));
        JSONPATH.put(StateType.FAIL, Set.of("Error", "ErrorPath", "Cause", "CausePath"));
        JSONPATH.put(StateType.PARALLEL, Set.of("Next", "End", "InputPath", "OutputPath", "ResultPath",
                "Parameters", "ResultSelector", "Retry", "Catch", "Branches", "Assign"));
        JSONPATH.put(StateType.MAP, Set.of("Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters",
                "ResultSelector", "Retry", "Catch", "ItemProcessor", "Iterator", "ItemsPath", "ItemSelector",
                "ItemReader", "ResultWriter", "ItemBatcher", "MaxConcurrency", "MaxConcurrencyPath",
                "ToleratedFailureCount", "ToleratedFailureCountPath", "ToleratedFailurePercentage",
                "ToleratedFailurePercentagePath", "Label", "Assign"));

        JSONATA.put(StateType.PASS, Set.of("Next", "End", "Output", "Assign"));
        JSONATA.put(StateType.TASK, Set.of("Next", "End", "Arguments", "Output", "Assign", "Retry", "Catch",
                "Resource", "TimeoutSeconds", "HeartbeatSeconds", "Credentials"));
        JSONATA.put(StateType.CHOICE, Set.of("Choices", "Default", "Output", "Assign"));
        JSONATA.put(StateType.WAIT, Set.of("Next", "End", "Seconds", "Timestamp", "Output", "Assign"));
        JSONATA.put(StateType.SUCCEED, Set.of("Output"));
        JSONATA.put(StateType.FAIL, Set.of("Error", "Cause"));
        JSONATA.put(StateType.PARALLEL, Set.of("Next", "End", "Arguments", "Output", "Assign", "Retry", "Catch",
                "Branches"));
        JSONATA.put(StateType.MAP, Set.of("Next", "End", "Items", "ItemSelector", "ItemProcessor", "Iterator",
                "ItemReader", "ResultWriter", "ItemBatcher", "MaxConcurrency", "ToleratedFailureCount",
                "ToleratedFailurePercentage", "Label", "Output", "Assign", "Retry", "Catch"));
    }

    private StateFieldCatalog() {
    }

    static boolean allows(StateType type, QueryLanguage language, String field) {
        return COMMON.contains(field) || fieldsOf(type, language).contains(field);
    }

    /** True when the field belongs to the state type, only under the other query language. */
    static boolean belongsToOtherLanguage(StateType type, QueryLanguage language, String field) {
        QueryLanguage other = language == QueryLanguage.JSONATA ? QueryLanguage.JSONPATH : QueryLanguage.JSONATA;
        return !allows(type, language, field) && fieldsOf(type, other).contains(field);
    }

    private static Set<String> fieldsOf(StateType type, QueryLanguage language) {
        return (language == QueryLanguage.JSONATA ? JSONATA : JSONPATH).get(type);
    }
}
