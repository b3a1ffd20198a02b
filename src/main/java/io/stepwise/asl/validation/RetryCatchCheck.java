package io.stepwise.asl.validation;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.model.StateType;
import io.stepwise.asl.validation.JsonPathSyntax.Roots;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Retriers and catchers. States.ALL matches every error, so anything listed after it could never
 * apply: it must stand alone in its ErrorEquals and come last.
 */
record RetryCatchCheck() implements StateCheck {

    private static final Set<String> RETRIER_FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts",
            "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment");
    private static final Set<String> JSONPATH_CATCHER_FIELDS = Set.of("ErrorEquals", "Next", "ResultPath",
            "Assign", "Comment");
    private static final Set<String> JSONATA_CATCHER_FIELDS = Set.of("ErrorEquals", "Next", "Output", "Assign",
            "Comment");
    private static final long MAX_DELAY_SECONDS = 31_622_400L;

    @Override
    public void check(StateContext state, Findings findings) {
        if (state.type() != StateType.TASK && state.type() != StateType.PARALLEL && state.type() != StateType.MAP) {
            return;
        }
        handlers(state, "Retry", findings);
        handlers(state, "Catch", findings);
    }

    private static void handlers(StateContext state, String field, Findings findings) {
        JsonNode list = state.field(field);
        if (list == null) {
            return;
        }
        Location at = state.at(field);
        if (!list.isArray()) {
            findings.schema("The field '" + field + "' must be an array", at);
            return;
        }
        boolean retry = field.equals("Retry");
        for (int i = 0; i < list.size(); i++) {
            JsonNode handler = list.get(i);
            Location handlerAt = at.index(i);
            if (!handler.isObject()) {
                findings.schema("Each element of '" + field + "' must be an object", handlerAt);
                continue;
            }
            Set<String> allowed = retry ? RETRIER_FIELDS
                    : state.jsonata() ? JSONATA_CATCHER_FIELDS : JSONPATH_CATCHER_FIELDS;
            for (String name : handler.propertyNames()) {
                if (!allowed.contains(name)) {
                    findings.schema("The field '" + name + "' is not supported in " + (retry ? "a retrier" : "a catcher")
                            + (state.jsonata() ? " when the query language is JSONata" : ""), handlerAt.child(name));
                }
            }
            boolean matchesAll = errorEquals(handler, handlerAt, findings);
            if (matchesAll && i != list.size() - 1) {
                findings.schema("A " + (retry ? "retrier" : "catcher") + " with '" + ErrorNames.ALL
                        + "' must be the last one", handlerAt.child("ErrorEquals"));
            }
            if (retry) {
                retrier(handler, handlerAt, findings);
            } else {
                catcher(state, handler, handlerAt, findings);
            }
        }
    }

    /** Returns whether the handler matches States.ALL. */
    private static boolean errorEquals(JsonNode handler, Location at, Findings findings) {
        JsonNode errors = handler.get("ErrorEquals");
        Location errorsAt = at.child("ErrorEquals");
        if (errors == null) {
            findings.schema("The field 'ErrorEquals' is required but was missing", at);
            return false;
        }
        if (!errors.isArray()) {
            findings.schema("The field 'ErrorEquals' must be an array of error names", errorsAt);
            return false;
        }
        if (errors.isEmpty()) {
            findings.schema("Value cannot be empty", errorsAt);
            return false;
        }
        boolean matchesAll = false;
        for (int i = 0; i < errors.size(); i++) {
            JsonNode error = errors.get(i);
            if (!error.isString() || error.stringValue().isEmpty()) {
                findings.schema("An error name must be a non-empty string", errorsAt.index(i));
            } else if (error.stringValue().equals(ErrorNames.ALL)) {
                matchesAll = true;
            }
        }
        if (matchesAll && errors.size() > 1) {
            findings.schema("'" + ErrorNames.ALL + "' must appear alone in 'ErrorEquals'", errorsAt);
        }
        return matchesAll;
    }

    private static void retrier(JsonNode retrier, Location at, Findings findings) {
        integerAtLeast(retrier, "IntervalSeconds", 1, TaskCheck.MAX_SECONDS, at, findings);
        integerAtLeast(retrier, "MaxAttempts", 0, TaskCheck.MAX_SECONDS, at, findings);
        integerAtLeast(retrier, "MaxDelaySeconds", 1, MAX_DELAY_SECONDS, at, findings);
        JsonNode backoff = retrier.get("BackoffRate");
        if (backoff != null && (!backoff.isNumber() || backoff.doubleValue() < 1.0)) {
            findings.schema("The field 'BackoffRate' must be a number greater than or equal to 1.0",
                    at.child("BackoffRate"));
        }
        JsonNode jitter = retrier.get("JitterStrategy");
        if (jitter != null && !(Json.isString(jitter)
                && (jitter.stringValue().equals("FULL") || jitter.stringValue().equals("NONE")))) {
            findings.schema("The field 'JitterStrategy' should have one of these values: [FULL, NONE]",
                    at.child("JitterStrategy"));
        }
    }

    private static void integerAtLeast(JsonNode object, String field, long min, long max, Location at,
            Findings findings) {
        JsonNode value = object.get(field);
        if (value != null && (!Json.isInteger(value) || Json.longValue(value) < min || Json.longValue(value) > max)) {
            findings.schema("The field '" + field + "' must be an integer between " + min + " and " + max,
                    at.child(field));
        }
    }

    private static void catcher(StateContext state, JsonNode catcher, Location at, Findings findings) {
        JsonNode next = catcher.get("Next");
        if (next == null) {
            findings.schema("The field 'Next' is required but was missing", at);
        } else if (!next.isString()) {
            findings.schema("The field 'Next' must be a state name", at.child("Next"));
        }
        JsonNode assign = catcher.get("Assign");
        if (assign != null && !assign.isObject()) {
            findings.schema("The field 'Assign' must be an object", at.child("Assign"));
        }
        if (state.jsonata()) {
            return;
        }
        JsonNode resultPath = catcher.get("ResultPath");
        if (resultPath != null && !resultPath.isNull() && !(resultPath.isString()
                && JsonPathSyntax.isReferencePath(resultPath.stringValue(), Roots.INPUT_ONLY))) {
            findings.schema("The field 'ResultPath' must be a valid reference path", at.child("ResultPath"));
        }
        PayloadTemplates.check(assign, at.child("Assign"), findings);
    }
}
