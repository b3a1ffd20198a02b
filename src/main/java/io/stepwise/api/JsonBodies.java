package io.stepwise.api;

import io.stepwise.asl.Json;
import java.nio.charset.StandardCharsets;
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

    /** A definition must be a JSON object, given as one or as a string holding one. */
    static JsonNode definition(JsonNode value, long maxBytes) {
        checkSize(value, maxBytes, "/definition", "definition");
        JsonNode definition = objectOrString(value, "/definition");
        if (!definition.isObject()) {
            throw new BadRequestException("/definition must be a state machine definition: a JSON object with "
                    + "StartAt and States, or a string holding one.", "/definition");
        }
        return definition;
    }

    /** An execution's input: any JSON value, or a string holding JSON; absent (or null) means {}. */
    static JsonNode input(JsonNode value, long maxBytes, String pointer) {
        if (value == null || value.isNull()) {
            return Json.NODES.objectNode();
        }
        checkSize(value, maxBytes, pointer, "input");
        return objectOrString(value, pointer);
    }

    /** JSON text for StateTester, which takes JSON as text the way AWS does; null stays null. */
    static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isString() ? value.asString() : Json.write(value);
    }

    static void checkSize(JsonNode value, long maxBytes, String pointer, String what) {
        if (value == null) {
            return;
        }
        long bytes = value.isString() ? value.asString().getBytes(StandardCharsets.UTF_8).length
                : Json.write(value).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw new PayloadTooLargeException("The " + what + " at " + pointer + " is " + bytes + " bytes; the limit is "
                    + maxBytes + " bytes (stepwise.api." + (what.equals("definition") ? "max-definition-bytes"
                            : "max-input-bytes") + ").", pointer);
        }
    }
}
