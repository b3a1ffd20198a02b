package io.stepwise.api;

import io.stepwise.asl.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** AWS passes definitions and inputs as JSON strings; we also take them as JSON values. */
final class JsonBodies {

    private JsonBodies() {
    }

    static JsonNode objectOrString(JsonNode value, String pointer) {
        if (value.isString()) {
            try {
                return Json.parse(value.asString());
            } catch (JacksonException e) {
                throw new BadRequestException("The string at " + pointer + " is not valid JSON: "
                        + e.getOriginalMessage(), pointer);
            }
        }
        return value;
    }
}
