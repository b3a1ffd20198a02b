package io.stepwise.asl.validation;

import io.stepwise.asl.model.StateType;
import io.stepwise.asl.validation.JsonPathSyntax.Roots;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Map states: the item processor (ItemProcessor, or the legacy Iterator), where items come from and
 * how many run and may fail. The processor's states are validated as a machine of their own.
 */
record MapCheck() implements StateCheck {

    private static final int MAX_LABEL_LENGTH = 40;
    /** Labels become part of Map Run ARNs, so ARN-hostile characters are refused. */
    private static final String LABEL_FORBIDDEN = " <>{}[]?*\"#%\\^|~`$&,;:/";

    @Override
    public void check(StateContext state, Findings findings) {
        if (state.type() != StateType.MAP) {
            return;
        }
        checkProcessor(state, findings);
        TaskCheck.exclusive(state, "Parameters", "ItemSelector", findings);
        TaskCheck.exclusive(state, "MaxConcurrency", "MaxConcurrencyPath", findings);
        TaskCheck.exclusive(state, "ToleratedFailureCount", "ToleratedFailureCountPath", findings);
        TaskCheck.exclusive(state, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", findings);
        number(state, "MaxConcurrency", 0, Long.MAX_VALUE, true, findings);
        number(state, "ToleratedFailureCount", 0, Long.MAX_VALUE, true, findings);
        number(state, "ToleratedFailurePercentage", 0, 100, false, findings);
        checkItems(state, findings);
        checkLabel(state, findings);
        checkItemReader(state, findings);
        checkResultWriter(state, findings);
        checkItemBatcher(state, findings);
    }

    private static void checkProcessor(StateContext state, Findings findings) {
        JsonNode processor = state.has("ItemProcessor") ? state.field("ItemProcessor") : state.field("Iterator");
        String field = state.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
        if (state.has("ItemProcessor") && state.has("Iterator")) {
            findings.schema("The fields 'ItemProcessor' and 'Iterator' are mutually exclusive", state.at("Iterator"));
        }
        if (processor == null) {
            findings.schema("The field 'ItemProcessor' is required but was missing", state.at());
            return;
        }
        if (!processor.isObject()) {
            findings.schema("The field '" + field + "' must be an object", state.at(field));
            return;
        }
        JsonNode config = processor.get("ProcessorConfig");
        Location configAt = state.at(field).child("ProcessorConfig");
        if (config == null) {
            return;
        }
        if (!config.isObject()) {
            findings.schema("The field 'ProcessorConfig' must be an object", configAt);
            return;
        }
        for (String name : config.propertyNames()) {
            if (!name.equals("Mode") && !name.equals("ExecutionType")) {
                findings.schema("The field '" + name + "' is not supported in ProcessorConfig", configAt.child(name));
            }
        }
        oneOf(config, "Mode", Set.of("INLINE", "DISTRIBUTED"), "[INLINE, DISTRIBUTED]", configAt, findings);
        oneOf(config, "ExecutionType", Set.of("STANDARD", "EXPRESS"), "[STANDARD, EXPRESS]", configAt, findings);
    }

    private static void checkItems(StateContext state, Findings findings) {
        JsonNode items = state.field("Items");
        if (items != null && state.jsonata() && !items.isArray() && !JsonataExpressions.isExpression(items)) {
            findings.schema("The field 'Items' must be an array or a JSONata expression", state.at("Items"));
        }
        JsonNode selector = state.field("ItemSelector");
        if (selector != null && !selector.isObject() && !(state.jsonata() && JsonataExpressions.isExpression(selector))) {
            findings.schema("The field 'ItemSelector' must be an object", state.at("ItemSelector"));
        }
    }

    private static void checkLabel(StateContext state, Findings findings) {
        JsonNode label = state.field("Label");
        if (label == null) {
            return;
        }
        Location at = state.at("Label");
        if (!label.isString()) {
            findings.schema("The field 'Label' must be a string", at);
            return;
        }
        String text = label.stringValue();
        if (text.isEmpty()) {
            findings.schema("Label cannot be empty", at);
        } else if (text.length() > MAX_LABEL_LENGTH) {
            findings.schema("Label cannot exceed " + MAX_LABEL_LENGTH + " characters", at);
        }
        text.chars().filter(MapCheck::forbiddenInLabel).findFirst().ifPresent(c ->
                findings.schema("Label contains invalid character: '" + printable((char) c) + "'", at));
    }

    private static boolean forbiddenInLabel(int c) {
        return LABEL_FORBIDDEN.indexOf(c) >= 0 || Character.isWhitespace(c) || c <= 0x1f || (c >= 0x7f && c <= 0x9f);
    }

    private static String printable(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private static void checkItemReader(StateContext state, Findings findings) {
        JsonNode reader = state.field("ItemReader");
        if (reader == null) {
            return;
        }
        Location at = state.at("ItemReader");
        if (!reader.isObject()) {
            findings.schema("The field 'ItemReader' must be an object", at);
            return;
        }
        resource(reader, at, true, findings);
        allowed(reader, at, Set.of("Resource", "ReaderConfig", state.jsonata() ? "Arguments" : "Parameters"),
                "ItemReader", findings);
        JsonNode config = reader.get("ReaderConfig");
        if (config != null) {
            Location configAt = at.child("ReaderConfig");
            if (!config.isObject()) {
                findings.schema("The field 'ReaderConfig' must be an object", configAt);
            } else {
                if (config.has("MaxItems") && config.has("MaxItemsPath")) {
                    findings.schema("The fields 'MaxItems' and 'MaxItemsPath' are mutually exclusive",
                            configAt.child("MaxItemsPath"));
                }
                JsonNode maxItems = config.get("MaxItems");
                if (maxItems != null && !(state.jsonata() && JsonataExpressions.isExpression(maxItems))
                        && !(Json.isInteger(maxItems) && Json.longValue(maxItems) >= 0)) {
                    findings.schema("The field 'MaxItems' must be a non-negative integer", configAt.child("MaxItems"));
                }
                path(config, "MaxItemsPath", configAt, findings);
            }
        }
        if (!state.jsonata()) {
            PayloadTemplates.check(reader.get("Parameters"), at.child("Parameters"), findings);
        }
    }

    private static void checkResultWriter(StateContext state, Findings findings) {
        JsonNode writer = state.field("ResultWriter");
        if (writer == null) {
            return;
        }
        Location at = state.at("ResultWriter");
        if (!writer.isObject()) {
            findings.schema("The field 'ResultWriter' must be an object", at);
            return;
        }
        resource(writer, at, false, findings);
        allowed(writer, at, Set.of("Resource", "WriterConfig", state.jsonata() ? "Arguments" : "Parameters"),
                "ResultWriter", findings);
        if (!state.jsonata()) {
            PayloadTemplates.check(writer.get("Parameters"), at.child("Parameters"), findings);
        }
    }

    private static void checkItemBatcher(StateContext state, Findings findings) {
        JsonNode batcher = state.field("ItemBatcher");
        if (batcher == null) {
            return;
        }
        Location at = state.at("ItemBatcher");
        if (!batcher.isObject()) {
            findings.schema("The field 'ItemBatcher' must be an object", at);
            return;
        }
        Set<String> fields = state.jsonata()
                ? Set.of("MaxItemsPerBatch", "MaxInputBytesPerBatch", "BatchInput")
                : Set.of("MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch",
                        "MaxInputBytesPerBatchPath", "BatchInput");
        allowed(batcher, at, fields, "ItemBatcher", findings);
        for (String limit : new String[] {"MaxItemsPerBatch", "MaxInputBytesPerBatch"}) {
            if (batcher.has(limit) && batcher.has(limit + "Path")) {
                findings.schema("The fields '" + limit + "' and '" + limit + "Path' are mutually exclusive",
                        at.child(limit + "Path"));
            }
            JsonNode value = batcher.get(limit);
            if (value != null && !(state.jsonata() && JsonataExpressions.isExpression(value))
                    && !(Json.isInteger(value) && Json.longValue(value) >= 1)) {
                findings.schema("The field '" + limit + "' must be a positive integer", at.child(limit));
            }
            path(batcher, limit + "Path", at, findings);
        }
        if (!state.jsonata()) {
            PayloadTemplates.check(batcher.get("BatchInput"), at.child("BatchInput"), findings);
        }
    }

    private static void resource(JsonNode object, Location at, boolean required, Findings findings) {
        JsonNode resource = object.get("Resource");
        if (resource == null) {
            if (required) {
                findings.schema("The field 'Resource' is required but was missing", at);
            }
        } else if (!resource.isString()) {
            findings.schema("The field 'Resource' must be a string", at.child("Resource"));
        }
    }

    private static void allowed(JsonNode object, Location at, Set<String> fields, String owner, Findings findings) {
        for (String name : object.propertyNames()) {
            if (!fields.contains(name)) {
                findings.schema("The field '" + name + "' is not supported in " + owner, at.child(name));
            }
        }
    }

    private static void path(JsonNode object, String field, Location at, Findings findings) {
        JsonNode value = object.get(field);
        if (value != null && !(value.isString() && JsonPathSyntax.isReferencePath(value.stringValue(), Roots.ANY))) {
            findings.schema("The field '" + field + "' must be a valid reference path", at.child(field));
        }
    }

    private static void oneOf(JsonNode object, String field, Set<String> values, String shown, Location at,
            Findings findings) {
        JsonNode value = object.get(field);
        if (value != null && !(value.isString() && values.contains(value.stringValue()))) {
            findings.schema("The field '" + field + "' should have one of these values: " + shown, at.child(field));
        }
    }

    private static void number(StateContext state, String field, long min, long max, boolean integer,
            Findings findings) {
        JsonNode value = state.field(field);
        if (value == null || (state.jsonata() && JsonataExpressions.isExpression(value))) {
            return;
        }
        boolean typeOk = integer ? Json.isInteger(value) : value.isNumber();
        if (!typeOk || value.doubleValue() < min || value.doubleValue() > max) {
            findings.schema("The field '" + field + "' must be " + (integer ? "an integer" : "a number")
                    + (max == Long.MAX_VALUE ? " greater than or equal to " + min : " between " + min + " and " + max)
                    + (state.jsonata() ? " or a JSONata expression" : ""), state.at(field));
        }
    }
}
