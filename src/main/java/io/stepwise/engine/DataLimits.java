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
        // Cheap first: an upper bound of the encoded size by walking the tree; only a document that
        // might be over the limit is written out and measured exactly.
        if (upperBound(value, MAX_BYTES) > MAX_BYTES
                && Json.write(value).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new StatesError(ErrorNames.DATA_LIMIT_EXCEEDED, "The state/task '" + stateName
                    + "' returned a result with a size exceeding the maximum number of bytes service limit.");
        }
        return value;
    }

    /**
     * At least the UTF-8 size of the value as JSON (a string's char can take 6 bytes escaped, 3 raw);
     * stops counting once past {@code limit}.
     */
    static long upperBound(JsonNode value, long limit) {
        if (value.isString()) {
            return 6L * value.asString().length() + 2;
        }
        if (value.isNumber()) {
            return value.toString().length();
        }
        if (!value.isContainer()) {
            return 5; // true, false, null
        }
        long total = 2;
        if (value.isObject()) {
            for (var field : value.properties()) {
                total += 6L * field.getKey().length() + 4 + upperBound(field.getValue(), limit - total);
                if (total > limit) {
                    return total;
                }
            }
        } else {
            for (JsonNode item : value) {
                total += 1 + upperBound(item, limit - total);
                if (total > limit) {
                    return total;
                }
            }
        }
        return total;
    }
}
