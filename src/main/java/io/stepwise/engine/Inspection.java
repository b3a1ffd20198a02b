package io.stepwise.engine;

import io.stepwise.asl.Json;
import java.util.EnumMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records the intermediate values of one state's data processing, the way AWS's TestState reports
 * them as {@code inspectionData}. Only {@link StateTester} creates one; the engine's {@link StateData}
 * has none, so the durable path pays a null check per step and nothing more. Not thread-safe: one
 * recorder per test call.
 */
final class Inspection {

    /** The inspectionData fields, in AWS's names. */
    enum Field {
        INPUT("input"),
        AFTER_INPUT_PATH("afterInputPath"),
        AFTER_PARAMETERS("afterParameters"),
        AFTER_ARGUMENTS("afterArguments"),
        AFTER_ITEMS_PATH("afterItemsPath"),
        RESULT("result"),
        AFTER_RESULT_SELECTOR("afterResultSelector"),
        AFTER_RESULT_PATH("afterResultPath"),
        MAX_CONCURRENCY("maxConcurrency"),
        TOLERATED_FAILURE_COUNT("toleratedFailureCount"),
        TOLERATED_FAILURE_PERCENTAGE("toleratedFailurePercentage"),
        VARIABLES("variables"),
        ERROR_DETAILS("errorDetails");

        private final String awsName;

        Field(String awsName) {
            this.awsName = awsName;
        }

        String awsName() {
            return awsName;
        }
    }

    private final Map<Field, JsonNode> values = new EnumMap<>(Field.class);

    /** Null-safe, so StateData can call it unconditionally. A later value of a field replaces the earlier. */
    static void record(Inspection inspection, Field field, JsonNode value) {
        if (inspection != null && value != null) {
            inspection.values.put(field, value);
        }
    }

    ObjectNode toJson() {
        ObjectNode json = Json.NODES.objectNode();
        values.forEach((field, value) -> json.set(field.awsName(), value));
        return json;
    }
}
