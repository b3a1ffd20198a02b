package io.stepwise.api;

import io.stepwise.store.BadRequestException;
import io.stepwise.asl.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** AWS passes definitions and inputs as JSON strings; we also take them as JSON values. */
final class JsonBodies {

    /**
     * How deeply an execution input or a definition may nest arrays and objects. Jackson reads and
     * writes at most 500 levels, and the engine wraps an input in levels of its own (its state data,
     * Parameters templates, Map and Parallel results): an input of 499 levels was accepted and then
     * failed its first state with States.Runtime. Half of Jackson's limit leaves the workflow the rest.
     */
    static final int MAX_NESTING = 256;

    /** JSON given as a string is read as strictly as a request body: Jackson's limits, no key twice. */
    private static final JsonMapper STRICT = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static JsonNode objectOrString(JsonNode value, String pointer) {
        if (value.isString()) {
            try {
                return STRICT.readTree(value.asString());
            } catch (StreamConstraintsException e) {
                throw new BadRequestException(JsonLimits.detail("The string at " + pointer, e), pointer);
            } catch (JacksonException e) {
                if (JsonDuplicates.isDuplicate(e)) {
                    String at = JsonDuplicates.pointer(e, pointer);
                    throw new BadRequestException(JsonDuplicates.detail("The string at " + pointer, at), at);
                }
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
        checkNesting(definition, "/definition", "definition");
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
        JsonNode input = objectOrString(value, pointer);
        checkNesting(input, pointer, "input");
        return input;
    }

    /** Refuses a value nested deeper than {@link #MAX_NESTING} levels; counts without recursion. */
    static void checkNesting(JsonNode value, String pointer, String what) {
        Deque<JsonNode> level = new ArrayDeque<>();
        level.add(value);
        int depth = 0;
        while (!level.isEmpty()) {
            Deque<JsonNode> next = new ArrayDeque<>();
            for (JsonNode node : level) {
                if (node.isContainer()) {
                    node.forEach(next::add);
                }
            }
            if (level.stream().anyMatch(JsonNode::isContainer)) {
                depth++;
            }
            if (depth > MAX_NESTING) {
                throw new BadRequestException("The " + what + " at " + pointer + " nests arrays and objects more than "
                        + MAX_NESTING + " levels deep; flatten it.", pointer);
            }
            level = next;
        }
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
