package io.stepwise.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * What an expression can see: the reserved {@code $states} object ({@code input}, {@code result},
 * {@code errorOutput}, {@code context}) and the workflow variables, each bound as {@code $name}.
 *
 * <p>A state usually evaluates several fields (Arguments, Output, Assign...) against the same
 * bindings, so the conversion to JSONata values happens once, on first use, and is reused. An
 * instance is meant for one state evaluation on one thread at a time.
 */
public final class JsonataBindings {

    private final JsonNode input;
    private final JsonNode result;
    private final JsonNode errorOutput;
    private final JsonNode context;
    private final Map<String, JsonNode> variables;
    private Jsonata.Frame frame;

    private JsonataBindings(JsonNode input, JsonNode result, JsonNode errorOutput, JsonNode context,
            Map<String, JsonNode> variables) {
        this.input = input;
        this.result = result;
        this.errorOutput = errorOutput;
        this.context = context;
        this.variables = Map.copyOf(variables);
    }

    /** {@code $states.input} and {@code $states.context}, plus the variables in scope. */
    public static JsonataBindings of(JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
        return new JsonataBindings(Objects.requireNonNull(input, "input"), null, null, context,
                Objects.requireNonNull(variables, "variables"));
    }

    /** The same bindings plus {@code $states.result}, for Output and Assign after a task or branch. */
    public JsonataBindings withResult(JsonNode stateResult) {
        return new JsonataBindings(input, stateResult, errorOutput, context, variables);
    }

    /** The same bindings plus {@code $states.errorOutput}, for a Catcher's Output and Assign. */
    public JsonataBindings withErrorOutput(JsonNode caughtErrorOutput) {
        return new JsonataBindings(input, result, caughtErrorOutput, context, variables);
    }

    JsonNode input() {
        return input;
    }

    /** The dashjoin frame holding the bindings, built once per instance. */
    Jsonata.Frame frame() {
        if (frame == null) {
            frame = buildFrame();
        }
        return frame;
    }

    private Jsonata.Frame buildFrame() {
        Jsonata.Frame built = new Jsonata.Frame(null);
        for (Map.Entry<String, JsonNode> variable : variables.entrySet()) {
            built.bind(variable.getKey(), JsonataValues.toJsonata(variable.getValue()));
        }
        // bound last: "states" is reserved, no variable may shadow it
        built.bind("states", statesObject());
        return built;
    }

    private Map<String, Object> statesObject() {
        Map<String, Object> states = new LinkedHashMap<>();
        states.put("input", JsonataValues.toJsonata(input));
        putIfPresent(states, "result", result);
        putIfPresent(states, "errorOutput", errorOutput);
        putIfPresent(states, "context", context);
        return states;
    }

    private static void putIfPresent(Map<String, Object> states, String name, JsonNode value) {
        if (value != null) {
            states.put(name, JsonataValues.toJsonata(value));
        }
    }
}
