package io.stepwise.asl.validation;

import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * JSONata states: every "{% ... %}" string the state evaluates must parse, wherever it sits (Arguments,
 * Output, Assign, Condition, Items, ...). Comments are text, and nested states are checked on their own.
 */
record JsonataExpressionsCheck() implements StateCheck {

    private static final Set<String> NOT_EVALUATED = Set.of("Comment", "Branches", "ItemProcessor", "Iterator",
            "Type", "Next", "End", "Default", "QueryLanguage", "Resource");

    @Override
    public void check(StateContext state, Findings findings) {
        if (!state.jsonata()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : state.state().properties()) {
            if (!NOT_EVALUATED.contains(field.getKey())) {
                walk(field.getValue(), state.at(field.getKey()), findings);
            }
        }
    }

    private static void walk(JsonNode node, Location at, Findings findings) {
        if (node.isString()) {
            String text = node.stringValue();
            if (JsonataExpressions.isExpression(text)) {
                JsonataExpressions.syntaxError(text).ifPresent(reason -> findings.schema(reason, at));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at.index(i), findings);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!field.getKey().equals("Comment")) {
                    walk(field.getValue(), at.child(field.getKey()), findings);
                }
            }
        }
    }
}
