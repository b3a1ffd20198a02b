package io.stepwise.asl.validation;

import io.stepwise.asl.model.StateType;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Task-only rules: Resource, timeout and heartbeat, Credentials. */
record TaskCheck() implements StateCheck {

    static final long MAX_SECONDS = 99_999_999L;

    @Override
    public void check(StateContext state, Findings findings) {
        if (state.type() != StateType.TASK) {
            return;
        }
        checkResource(state, findings);
        checkTimeouts(state, findings);
        checkCredentials(state, findings);
    }

    private static void checkResource(StateContext state, Findings findings) {
        JsonNode resource = state.field("Resource");
        if (resource == null) {
            findings.schema("The field 'Resource' is required but was missing", state.at());
            return;
        }
        if (!resource.isString()) {
            findings.schema("The field 'Resource' must be a string", state.at("Resource"));
            return;
        }
        String arn = resource.stringValue();
        TaskResources.problem(arn).ifPresent(p -> findings.error(p.code(), p.message(), state.at("Resource")));
        if (state.machineType() == StateMachineType.EXPRESS) {
            TaskResources.expressProblem(arn).ifPresent(m -> findings.schema(m, state.at("Resource")));
        }
    }

    private static void checkTimeouts(StateContext state, Findings findings) {
        exclusive(state, "TimeoutSeconds", "TimeoutSecondsPath", findings);
        exclusive(state, "HeartbeatSeconds", "HeartbeatSecondsPath", findings);
        JsonNode timeout = state.field("TimeoutSeconds");
        JsonNode heartbeat = state.field("HeartbeatSeconds");
        boolean timeoutOk = positiveSeconds(state, "TimeoutSeconds", findings);
        boolean heartbeatOk = positiveSeconds(state, "HeartbeatSeconds", findings);
        if (timeoutOk && heartbeatOk && Json.isInteger(timeout) && Json.isInteger(heartbeat)
                && Json.longValue(heartbeat) >= Json.longValue(timeout)) {
            findings.schema("The field 'HeartbeatSeconds' must be smaller than 'TimeoutSeconds'",
                    state.at("HeartbeatSeconds"));
        }
    }

    /** Returns false when the field is present and reported as invalid. */
    private static boolean positiveSeconds(StateContext state, String field, Findings findings) {
        JsonNode value = state.field(field);
        if (value == null || (state.jsonata() && JsonataExpressions.isExpression(value))) {
            return true;
        }
        if (!Json.isInteger(value) || Json.longValue(value) < 1 || Json.longValue(value) > MAX_SECONDS) {
            findings.schema("The field '" + field + "' must be an integer between 1 and " + MAX_SECONDS
                    + (state.jsonata() ? " or a JSONata expression" : ""), state.at(field));
            return false;
        }
        return true;
    }

    private static void checkCredentials(StateContext state, Findings findings) {
        JsonNode credentials = state.field("Credentials");
        if (credentials == null) {
            return;
        }
        Location at = state.at("Credentials");
        if (!credentials.isObject()) {
            findings.schema("The field 'Credentials' must be an object", at);
            return;
        }
        boolean hasRole = credentials.has("RoleArn") || (!state.jsonata() && credentials.has("RoleArn.$"));
        if (!hasRole) {
            findings.schema("The field 'RoleArn' is required but was missing", at);
        }
        for (Map.Entry<String, JsonNode> field : credentials.properties()) {
            String name = field.getKey();
            if (name.equals("RoleArn")) {
                if (!field.getValue().isString()) {
                    findings.schema("The field 'RoleArn' must be a string", at.child(name));
                }
            } else if (!name.equals("RoleArn.$") || state.jsonata()) {
                findings.schema("The field '" + name + "' is not supported in Credentials", at.child(name));
            }
        }
        if (!state.jsonata()) {
            PayloadTemplates.check(credentials, at, findings);
        }
    }

    static void exclusive(StateContext state, String first, String second, Findings findings) {
        if (state.has(first) && state.has(second)) {
            findings.schema("The fields '" + first + "' and '" + second + "' are mutually exclusive",
                    state.at(second));
        }
    }
}
