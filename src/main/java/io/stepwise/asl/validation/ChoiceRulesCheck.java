package io.stepwise.asl.validation;

import io.stepwise.asl.choice.ComparisonField;
import io.stepwise.asl.model.StateType;
import io.stepwise.asl.validation.JsonPathSyntax.Roots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Choice states: the Choices list and the shape of every rule in it. A top-level rule names the next
 * state; rules nested in And/Or/Not only test. JSONPath rules compare a Variable with exactly one
 * operator; JSONata rules carry a Condition instead.
 */
record ChoiceRulesCheck() implements StateCheck {

    private static final Set<String> BOOLEAN_OPERATORS = Set.of("And", "Or", "Not");
    private static final Set<String> TOP_LEVEL_ONLY = Set.of("Next", "Assign", "Output");

    @Override
    public void check(StateContext state, Findings findings) {
        if (state.type() != StateType.CHOICE) {
            return;
        }
        JsonNode choices = state.field("Choices");
        Location at = state.at("Choices");
        if (choices == null) {
            findings.schema("The field 'Choices' is required but was missing", state.at());
        } else if (!choices.isArray()) {
            findings.schema("The field 'Choices' must be an array", at);
        } else if (choices.isEmpty()) {
            findings.schema("Value cannot be empty", at);
        } else {
            for (int i = 0; i < choices.size(); i++) {
                checkRule(choices.get(i), at.index(i), true, state.jsonata(), findings);
            }
        }
        JsonNode defaultState = state.field("Default");
        if (defaultState != null && !defaultState.isString()) {
            findings.schema("The field 'Default' must be a state name", state.at("Default"));
        }
    }

    private static void checkRule(JsonNode rule, Location at, boolean topLevel, boolean jsonata, Findings findings) {
        if (rule == null || !rule.isObject()) {
            findings.schema("A choice rule must be an object", at);
            return;
        }
        if (topLevel) {
            JsonNode next = rule.get("Next");
            if (next == null) {
                findings.schema("The field 'Next' is required but was missing", at);
            } else if (!next.isString()) {
                findings.schema("The field 'Next' must be a state name", at.child("Next"));
            }
            JsonNode assign = rule.get("Assign");
            if (assign != null && !assign.isObject()) {
                findings.schema("The field 'Assign' must be an object", at.child("Assign"));
            }
        }
        JsonNode comment = rule.get("Comment");
        if (comment != null && !comment.isString()) {
            findings.schema("The field 'Comment' must be a string", at.child("Comment"));
        }
        if (jsonata) {
            checkJsonataRule(rule, at, topLevel, findings);
        } else {
            checkJsonPathRule(rule, at, topLevel, findings);
        }
    }

    private static void checkJsonataRule(JsonNode rule, Location at, boolean topLevel, Findings findings) {
        for (String field : rule.propertyNames()) {
            boolean allowed = field.equals("Condition") || field.equals("Comment")
                    || (topLevel && TOP_LEVEL_ONLY.contains(field));
            if (!allowed) {
                findings.schema("The field '" + field + "' is not supported in JSONata choice rules", at.child(field));
            }
        }
        JsonNode condition = rule.get("Condition");
        if (condition == null) {
            findings.schema("The field 'Condition' is required but was missing", at);
        } else if (!condition.isBoolean() && !JsonataExpressions.isExpression(condition)) {
            findings.schema("The field 'Condition' must be a JSONata expression or a boolean", at.child("Condition"));
        }
    }

    private static void checkJsonPathRule(JsonNode rule, Location at, boolean topLevel, Findings findings) {
        List<String> tests = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : rule.properties()) {
            String name = field.getKey();
            if (BOOLEAN_OPERATORS.contains(name) || ComparisonField.named(name).isPresent()) {
                tests.add(name);
            } else if (!name.equals("Variable") && !name.equals("Comment")
                    && !(topLevel && (name.equals("Next") || name.equals("Assign")))) {
                findings.schema("The field '" + name + "' is not supported in "
                        + (topLevel ? "choice rules" : "nested choice rules"), at.child(name));
            }
        }
        if (tests.size() != 1) {
            findings.schema(tests.isEmpty()
                    ? "A choice rule must have exactly one comparison operator or And, Or, Not"
                    : "A choice rule must have exactly one comparison operator or And, Or, Not, found " + tests, at);
        }
        JsonNode variable = rule.get("Variable");
        boolean comparison = tests.stream().anyMatch(t -> !BOOLEAN_OPERATORS.contains(t));
        if (comparison && variable == null) {
            findings.schema("The field 'Variable' is required but was missing", at);
        } else if (!comparison && variable != null && !tests.isEmpty()) {
            findings.schema("The field 'Variable' is not supported with And, Or, Not", at.child("Variable"));
        }
        if (variable != null && (!variable.isString() || !JsonPathSyntax.isPath(variable.stringValue(), Roots.ANY))) {
            findings.schema("The field 'Variable' must be a valid JSONPath", at.child("Variable"));
        }
        for (String test : tests) {
            checkTest(test, rule.get(test), at.child(test), findings);
        }
    }

    private static void checkTest(String test, JsonNode value, Location at, Findings findings) {
        switch (test) {
            case "And", "Or" -> {
                if (value == null || !value.isArray()) {
                    findings.schema("The field '" + test + "' must be an array of choice rules", at);
                } else if (value.isEmpty()) {
                    findings.schema("Value cannot be empty", at);
                } else {
                    for (int i = 0; i < value.size(); i++) {
                        checkRule(value.get(i), at.index(i), false, false, findings);
                    }
                }
            }
            case "Not" -> checkRule(value, at, false, false, findings);
            default -> ComparisonField.named(test).ifPresent(field -> checkOperand(test, field, value, at, findings));
        }
    }

    private static void checkOperand(String name, ComparisonField field, JsonNode value, Location at,
            Findings findings) {
        if (field.comparesWithPath()) {
            if (!Json.isString(value) || !JsonPathSyntax.isPath(value.stringValue(), Roots.ANY)) {
                findings.schema("The value of '" + name + "' must be a valid JSONPath", at);
            }
            return;
        }
        switch (field.operator().kind()) {
            case STRING, PATTERN -> {
                if (!Json.isString(value)) {
                    findings.schema("The value of '" + name + "' must be a string", at);
                } else if (DynamicValues.looksDynamic(value.stringValue())) {
                    findings.warning(DiagnosticCodes.NO_PATH, "The value of '" + name
                            + "' looks like a path; use '" + name + "Path' to compare with a path's value", at);
                }
            }
            case NUMERIC -> {
                if (value == null || !value.isNumber()) {
                    findings.schema("The value of '" + name + "' must be a number", at);
                }
            }
            case BOOLEAN, TYPE_TEST -> {
                if (value == null || !value.isBoolean()) {
                    findings.schema("The value of '" + name + "' must be a boolean", at);
                }
            }
            case TIMESTAMP -> {
                if (!Json.isString(value) || !Rfc3339.isTimestamp(value.stringValue())) {
                    findings.schema("The value of '" + name + "' must be an RFC3339 timestamp", at);
                }
            }
        }
    }
}
