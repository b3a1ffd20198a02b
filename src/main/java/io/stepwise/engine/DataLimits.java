package io.stepwise.engine;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.Json;
import io.stepwise.asl.StatesError;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/** AWS caps every state's input and output at 256 KiB of UTF-8 JSON. */
final class DataLimits {

    static final int MAX_BYTES = 256 * 1024;

    private DataLimits() {
    }

    static JsonNode check(JsonNode value, String stateName) {
        // Cheap first: small documents cannot exceed the limit however they are encoded.
        if (value.isContainer() || value.isString()) {
            int bytes = Json.write(value).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_BYTES) {
                throw new StatesError(ErrorNames.DATA_LIMIT_EXCEEDED, "The state/task '" + stateName
                        + "' returned a result with a size exceeding the maximum number of bytes service limit.");
            }
        }
        return value;
    }
}
