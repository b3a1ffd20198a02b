package io.stepwise.console;

import io.stepwise.asl.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A Choice rule as a short line for its edge: {@code $.amount > 100}, {@code not($.ok == true)}, a JSONata Condition. */
final class ChoiceLabels {

    private static final Map<String, String> SYMBOLS = Map.of("Equals", "==", "LessThan", "<", "GreaterThan", ">",
            "LessThanEquals", "<=", "GreaterThanEquals", ">=");

    private ChoiceLabels() {
    }

    static String of(JsonNode rule) {
        if (rule.has("Condition")) {
            return rule.get("Condition").asString("");
        }
        if (rule.has("And") || rule.has("Or")) {
            String join = rule.has("And") ? " and " : " or ";
            List<String> parts = new ArrayList<>();
            for (JsonNode inner : rule.has("And") ? rule.get("And") : rule.get("Or")) {
                parts.add(of(inner));
            }
            return "(" + String.join(join, parts) + ")";
        }
        if (rule.has("Not")) {
            return "not " + of(rule.get("Not"));
        }
        String variable = rule.path("Variable").asString("?");
        for (Map.Entry<String, JsonNode> field : rule.properties()) {
            String name = field.getKey();
            if (name.equals("Variable") || name.equals("Next") || name.equals("Comment") || name.equals("Assign")
                    || name.equals("Output")) {
                continue;
            }
            boolean path = name.endsWith("Path") && !name.equals("IsPresentPath");
            String operator = path ? name.substring(0, name.length() - 4) : name;
            // a path compares with another value of the input; a literal is shown as JSON ("text", 5, true)
            String value = path ? field.getValue().asString("") : Json.write(field.getValue());
            if (operator.startsWith("Is")) {
                return variable + " " + operator + (field.getValue().asBoolean(true) ? "" : " false");
            }
            for (Map.Entry<String, String> symbol : SYMBOLS.entrySet()) {
                if (!operator.endsWith(symbol.getKey())) {
                    continue;
                }
                String prefix = operator.substring(0, operator.length() - symbol.getKey().length());
                if (List.of("String", "Numeric", "Boolean", "Timestamp").contains(prefix)) {
                    return variable + " " + symbol.getValue() + " " + value;
                }
            }
            return variable + " " + operator + " " + value;
        }
        return variable;
    }
}
