package io.stepwise.asl.choice;

import io.stepwise.asl.choice.ComparisonOperator.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSONPath Choice rule (a top-level one from {@code Choices}, or one nested in And/Or/Not)
 * into a {@link ChoiceRule}. Definitions are validated before they run, so this only guards against
 * nonsense with a clear {@link IllegalArgumentException}; it does not produce AWS's diagnostics.
 */
public final class ChoiceRuleParser {

    /** Fields of a top-level rule that are about the transition, not the condition. */
    private static final Set<String> TRANSITION_FIELDS = Set.of("Next", "Comment", "Assign");

    private ChoiceRuleParser() {
    }

    public static ChoiceRule parse(JsonNode rule) {
        if (rule == null || !rule.isObject()) {
            throw new IllegalArgumentException("a Choice rule must be an object, not " + rule);
        }
        List<String> conditionFields = new ArrayList<>();
        for (String field : rule.propertyNames()) {
            if (!TRANSITION_FIELDS.contains(field)) {
                conditionFields.add(field);
            }
        }
        if (conditionFields.contains("And") || conditionFields.contains("Or") || conditionFields.contains("Not")) {
            return parseBoolean(rule, conditionFields);
        }
        return parseComparison(rule, conditionFields);
    }

    private static ChoiceRule parseBoolean(JsonNode rule, List<String> conditionFields) {
        if (conditionFields.size() != 1) {
            throw new IllegalArgumentException("a rule with And, Or or Not must have nothing else: " + rule);
        }
        String operator = conditionFields.getFirst();
        JsonNode operands = rule.get(operator);
        if (operator.equals("Not")) {
            return new ChoiceRule.Not(parse(operands));
        }
        if (!operands.isArray() || operands.isEmpty()) {
            throw new IllegalArgumentException(operator + " needs a non-empty array of rules: " + rule);
        }
        List<ChoiceRule> rules = new ArrayList<>();
        operands.forEach(operand -> rules.add(parse(operand)));
        return operator.equals("And") ? new ChoiceRule.And(rules) : new ChoiceRule.Or(rules);
    }

    private static ChoiceRule parseComparison(JsonNode rule, List<String> conditionFields) {
        JsonNode variable = rule.get("Variable");
        if (variable == null || !variable.isString()) {
            throw new IllegalArgumentException("a comparison needs a string Variable: " + rule);
        }
        conditionFields.remove("Variable");
        if (conditionFields.size() != 1) {
            throw new IllegalArgumentException("a comparison needs exactly one operator, found " + conditionFields
                    + ": " + rule);
        }
        String field = conditionFields.getFirst();
        JsonNode operandValue = rule.get(field);
        var comparison = ComparisonField.named(field);
        if (comparison.isPresent() && !comparison.get().comparesWithPath()) {
            requireLiteralType(comparison.get().operator(), operandValue, rule);
            return new ChoiceRule.Comparison(variable.stringValue(), comparison.get().operator(),
                    new Operand.Literal(operandValue));
        }
        if (comparison.isPresent() && operandValue.isString()) {
            return new ChoiceRule.Comparison(variable.stringValue(), comparison.get().operator(),
                    new Operand.Path(operandValue.stringValue()));
        }
        throw new IllegalArgumentException("unknown Choice operator or bad operand '" + field + "': " + rule);
    }

    private static void requireLiteralType(ComparisonOperator operator, JsonNode operand, JsonNode rule) {
        boolean fits = switch (operator.kind()) {
            case STRING, PATTERN, TIMESTAMP -> operand.isString();
            case NUMERIC -> operand.isNumber();
            case BOOLEAN, TYPE_TEST -> operand.isBoolean();
        };
        if (!fits) {
            throw new IllegalArgumentException(operator.awsName() + " needs a " + expectedTypeName(operator.kind())
                    + " operand: " + rule);
        }
    }

    private static String expectedTypeName(Kind kind) {
        return switch (kind) {
            case STRING, PATTERN, TIMESTAMP -> "string";
            case NUMERIC -> "number";
            case BOOLEAN, TYPE_TEST -> "boolean";
        };
    }
}
