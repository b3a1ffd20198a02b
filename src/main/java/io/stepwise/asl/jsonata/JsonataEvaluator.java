package io.stepwise.asl.jsonata;

import com.dashjoin.jsonata.JException;
import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.StatesError;
import io.stepwise.asl.jsonata.ParsedExpressions.ParsedExpression;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Evaluates the JSONata dialect of Step Functions: a string value of exactly the form
 * {@code {% expr %}} is an expression, every other value is literal JSON.
 *
 * <p>Failures are {@code States.QueryEvaluationError} with AWS's cause text, minus the
 * "An error occurred while executing the state '...' (entered at the event id #n)." prefix, which
 * only the engine knows. Thread-safe; one instance should be shared so its parse cache is.
 */
public final class JsonataEvaluator {

    private static final String OPEN = "{%";
    private static final String CLOSE = "%}";

    private final ParsedExpressions parsedExpressions;

    public JsonataEvaluator() {
        this(JsonataSources.system());
    }

    public JsonataEvaluator(JsonataSources sources) {
        this.parsedExpressions = new ParsedExpressions(Objects.requireNonNull(sources, "sources"));
    }

    /** Whether the value is a {@code {% %}} expression string (no whitespace allowed outside it). */
    public static boolean isExpression(JsonNode value) {
        return value != null && value.isString() && isExpression(value.stringValue());
    }

    public static boolean isExpression(String text) {
        return text != null && text.length() >= OPEN.length() + CLOSE.length()
                && text.startsWith(OPEN) && text.endsWith(CLOSE);
    }

    /** The JSONata text inside the delimiters, trimmed, as AWS quotes it in errors. */
    public static String expressionText(String expressionString) {
        if (!isExpression(expressionString)) {
            throw new IllegalArgumentException("not a {% %} expression: " + expressionString);
        }
        return expressionString.substring(OPEN.length(), expressionString.length() - CLOSE.length()).trim();
    }

    /**
     * Evaluates every expression string inside {@code template} (at any depth), keeping all other
     * values literal.
     *
     * @param field the ASL field the template came from ({@code Output}, {@code Arguments},
     *     {@code Assign}...); errors name the nested position as {@code Output/result}
     * @throws StatesError {@code States.QueryEvaluationError} when an expression fails, yields
     *     undefined, or yields something JSON cannot hold
     */
    public JsonNode evaluateTemplate(JsonNode template, String field, JsonataBindings bindings) {
        if (template.isString() && isExpression(template.stringValue())) {
            return evaluateExpression(expressionText(template.stringValue()), field, bindings);
        }
        if (template.isObject()) {
            ObjectNode evaluated = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> entry : template.properties()) {
                evaluated.set(entry.getKey(),
                        evaluateTemplate(entry.getValue(), field + "/" + entry.getKey(), bindings));
            }
            return evaluated;
        }
        if (template.isArray()) {
            ArrayNode evaluated = JsonNodeFactory.instance.arrayNode(template.size());
            for (int i = 0; i < template.size(); i++) {
                evaluated.add(evaluateTemplate(template.get(i), field + "/" + i, bindings));
            }
            return evaluated;
        }
        return template;
    }

    /**
     * Like {@link #evaluateTemplate}, for fields whose value must have one type (Items: array,
     * Condition: boolean, Seconds: number...). Only an expression's result is checked: a literal of
     * the wrong type is a definition error, found when the definition is validated.
     */
    public JsonNode evaluateTemplate(JsonNode template, String field, ExpectedType expectedType,
            JsonataBindings bindings) {
        JsonNode value = evaluateTemplate(template, field, bindings);
        if (isExpression(template) && !expectedType.accepts(value)) {
            throw queryError(expressionText(template.stringValue()), field,
                    "returned an unexpected result type. Expected '" + expectedType.awsName() + "', but was '"
                            + ExpectedType.awsNameOf(value) + "' for value: " + value);
        }
        return value;
    }

    /**
     * Evaluates one JSONata expression (the text between the delimiters).
     *
     * @throws StatesError {@code States.QueryEvaluationError} as for {@link #evaluateTemplate}
     */
    public JsonNode evaluateExpression(String expression, String field, JsonataBindings bindings) {
        Object result = switch (parsedExpressions.get(expression)) {
            case ParsedExpression.Unparseable unparseable ->
                    throw evaluationFailed(expression, field, unparseable.syntaxError());
            case ParsedExpression.Parsed parsed -> run(parsed, expression, field, bindings);
        };
        if (result == null) {
            throw queryError(expression, field, "returned nothing (undefined).");
        }
        try {
            return JsonataValues.fromJsonata(result);
        } catch (JsonataValues.UnsupportedResultException unsupported) {
            throw queryError(expression, field, "returned an unsupported result type.");
        }
    }

    private static Object run(ParsedExpression.Parsed parsed, String expression, String field,
            JsonataBindings bindings) {
        try {
            // no context value: AWS rejects a top-level $ or bare field name in definitions
            return parsed.expression().evaluate(null, bindings.frame());
        } catch (RuntimeException | StackOverflowError failure) {
            throw evaluationFailed(expression, field, failure);
        }
    }

    private static StatesError evaluationFailed(String expression, String field, Throwable failure) {
        return queryError(expression, field, "threw an error during evaluation. " + describe(failure));
    }

    /** JSONata errors as AWS shows them, {@code T1006: Attempted to invoke a non-function}. */
    private static String describe(Throwable failure) {
        if (failure instanceof JException jsonataError && jsonataError.getError() != null
                && !jsonataError.getError().equals(jsonataError.getMessage())) {
            return jsonataError.getError() + ": " + jsonataError.getMessage();
        }
        if (failure instanceof StackOverflowError) {
            return "Stack overflow: the expression recurses too deeply";
        }
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }

    private static StatesError queryError(String expression, String field, String what) {
        return new StatesError(ErrorNames.QUERY_EVALUATION_ERROR,
                "The JSONata expression '" + expression + "' specified for the field '" + field + "' " + what);
    }
}
