package io.stepwise.asl.validation;

import io.stepwise.asl.model.StateType;
import io.stepwise.asl.validation.JsonPathSyntax.Roots;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * JSONPath states: the *Path fields must hold paths of the right kind, and the payload templates must
 * hold valid ".$" fields. ResultPath writes into the state's data, so it must name one node of it.
 */
record PathFieldsCheck() implements StateCheck {

    private static final List<String> FILTER_PATHS = List.of("InputPath", "OutputPath", "ItemsPath");
    private static final List<String> VALUE_PATHS = List.of("SecondsPath", "TimestampPath", "TimeoutSecondsPath",
            "HeartbeatSecondsPath", "MaxConcurrencyPath", "ToleratedFailureCountPath",
            "ToleratedFailurePercentagePath");
    private static final List<String> TEMPLATES = List.of("Parameters", "ResultSelector", "ItemSelector", "Assign");

    @Override
    public void check(StateContext state, Findings findings) {
        if (state.jsonata()) {
            return;
        }
        for (String field : FILTER_PATHS) {
            JsonNode value = state.field(field);
            boolean nullable = !field.equals("ItemsPath");
            if (value != null && !(nullable && value.isNull())
                    && !(value.isString() && JsonPathSyntax.isPath(value.stringValue(), Roots.ANY))) {
                findings.schema("The field '" + field + "' must be a valid JSONPath", state.at(field));
            }
        }
        JsonNode resultPath = state.field("ResultPath");
        if (resultPath != null && !resultPath.isNull() && !(resultPath.isString()
                && JsonPathSyntax.isReferencePath(resultPath.stringValue(), Roots.INPUT_ONLY))) {
            findings.schema("The field 'ResultPath' must be a valid reference path into the state's data",
                    state.at("ResultPath"));
        }
        for (String field : VALUE_PATHS) {
            JsonNode value = state.field(field);
            if (value != null && !(value.isString() && JsonPathSyntax.isReferencePath(value.stringValue(), Roots.ANY))) {
                findings.schema("The field '" + field + "' must be a valid reference path", state.at(field));
            }
        }
        for (String field : TEMPLATES) {
            PayloadTemplates.check(state.field(field), state.at(field), findings);
        }
        JsonNode resultSelector = state.field("ResultSelector");
        if (resultSelector != null && !resultSelector.isObject()) {
            findings.schema("The field 'ResultSelector' must be an object", state.at("ResultSelector"));
        }
        JsonNode choices = state.field("Choices");
        if (choices != null && choices.isArray()) {
            for (int i = 0; i < choices.size(); i++) {
                JsonNode rule = choices.get(i);
                if (rule.isObject()) {
                    PayloadTemplates.check(rule.get("Assign"), state.at("Choices").index(i).child("Assign"), findings);
                }
            }
        }
        if (state.type() == StateType.PASS) {
            PayloadTemplates.warnStaticResult(state.field("Result"), state.at("Result"), findings);
        }
    }
}
