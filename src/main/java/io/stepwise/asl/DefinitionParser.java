package io.stepwise.asl;

import io.stepwise.asl.model.Catcher;
import io.stepwise.asl.model.ChoiceState;
import io.stepwise.asl.model.ChoiceState.ChoiceBranch;
import io.stepwise.asl.model.Common;
import io.stepwise.asl.model.FailState;
import io.stepwise.asl.model.MapState;
import io.stepwise.asl.model.ParallelState;
import io.stepwise.asl.model.PassState;
import io.stepwise.asl.model.QueryLanguage;
import io.stepwise.asl.model.Retrier;
import io.stepwise.asl.model.State;
import io.stepwise.asl.model.StateMachine;
import io.stepwise.asl.model.StateType;
import io.stepwise.asl.model.SucceedState;
import io.stepwise.asl.model.TaskState;
import io.stepwise.asl.model.Transition;
import io.stepwise.asl.model.WaitState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Turns ASL JSON into the immutable model. It expects a definition the validator accepted; on one it
 * did not, it still fails with an {@link InvalidDefinitionException} naming the field, never with an
 * arbitrary exception.
 */
public final class DefinitionParser {

    private DefinitionParser() {
    }

    public static StateMachine parse(JsonNode definition) {
        return machine(definition, "", QueryLanguage.JSONPATH);
    }

    private static StateMachine machine(JsonNode node, String pointer, QueryLanguage inherited) {
        if (node == null || !node.isObject()) {
            throw new InvalidDefinitionException("A state machine must be a JSON object.", pointer);
        }
        if (!node.path("StartAt").isString()) {
            throw new InvalidDefinitionException("The field 'StartAt' is required and must be a string.",
                    pointer + "/StartAt");
        }
        JsonNode statesNode = node.path("States");
        if (!statesNode.isObject() || statesNode.isEmpty()) {
            throw new InvalidDefinitionException("The field 'States' is required and must name at least one state.",
                    pointer + "/States");
        }
        QueryLanguage language = node.has("QueryLanguage") ? language(node.get("QueryLanguage"), pointer) : inherited;
        Map<String, State> states = new LinkedHashMap<>();
        for (var entry : statesNode.properties()) {
            String statePointer = pointer + "/States/" + escape(entry.getKey());
            states.put(entry.getKey(), state(entry.getKey(), entry.getValue(), statePointer, language));
        }
        if (!states.containsKey(node.get("StartAt").asString())) {
            throw new InvalidDefinitionException("StartAt names no state: '" + node.get("StartAt").asString() + "'.",
                    pointer + "/StartAt");
        }
        JsonNode timeout = node.get("TimeoutSeconds");
        return new StateMachine(node.get("StartAt").asString(), Collections.unmodifiableMap(states),
                text(node, "Comment"), timeout != null && timeout.isIntegralNumber() ? timeout.asInt() : null,
                language);
    }

    private static State state(String name, JsonNode node, String pointer, QueryLanguage machineLanguage) {
        if (!node.isObject()) {
            throw new InvalidDefinitionException("A state must be a JSON object.", pointer);
        }
        QueryLanguage language = node.has("QueryLanguage") ? language(node.get("QueryLanguage"), pointer)
                : machineLanguage;
        String typeName = node.path("Type").asString("");
        Optional<StateType> knownType = StateType.fromAslName(typeName);
        Transition transition = knownType.isPresent() && !knownType.get().takesNextOrEnd() ? null
                : transition(node, pointer);
        Common common = new Common(name, language, text(node, "Comment"), path(node, "InputPath"),
                path(node, "OutputPath"), node.get("Assign"), node.get("Output"), transition, ContextReads.in(node));
        boolean jsonata = language == QueryLanguage.JSONATA;
        JsonNode parameters = jsonata ? node.get("Arguments") : node.get("Parameters");
        StateType type = knownType.orElseThrow(() -> new InvalidDefinitionException(
                "Unsupported state type '" + typeName + "'.", pointer + "/Type"));
        return switch (type) {
            case PASS -> new PassState(common, node.get("Result"), parameters, path(node, "ResultPath"));
            case TASK -> new TaskState(common, text(node, "Resource"), parameters, node.get("ResultSelector"),
                    path(node, "ResultPath"), node.get("TimeoutSeconds"), text(node, "TimeoutSecondsPath"),
                    node.get("HeartbeatSeconds"), text(node, "HeartbeatSecondsPath"), node.get("Credentials"),
                    retriers(node.get("Retry")), catchers(node.get("Catch")));
            case CHOICE -> new ChoiceState(common, choices(node.get("Choices"), pointer), text(node, "Default"),
                    null);
            case WAIT -> new WaitState(common, node.get("Seconds"), node.get("Timestamp"), text(node, "SecondsPath"),
                    text(node, "TimestampPath"));
            case SUCCEED -> new SucceedState(common);
            case FAIL -> new FailState(common, node.get("Error"), node.get("Cause"), text(node, "ErrorPath"),
                    text(node, "CausePath"));
            case PARALLEL -> new ParallelState(common, branches(node.get("Branches"), pointer, language), parameters,
                    node.get("ResultSelector"), path(node, "ResultPath"), retriers(node.get("Retry")),
                    catchers(node.get("Catch")));
            case MAP -> map(common, node, pointer, language);
        };
    }

    private static MapState map(Common common, JsonNode node, String pointer, QueryLanguage language) {
        String processorField = node.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
        StateMachine processor = machine(node.get(processorField), pointer + "/" + processorField, language);
        JsonNode itemSelector = node.has("ItemSelector") ? node.get("ItemSelector") : node.get("Parameters");
        return new MapState(common, processor, path(node, "ItemsPath"), node.get("Items"), itemSelector,
                node.get("ItemReader"), node.get("ItemBatcher"), node.get("ResultWriter"), node.get("MaxConcurrency"),
                text(node, "MaxConcurrencyPath"), node.get("ToleratedFailureCount"),
                text(node, "ToleratedFailureCountPath"), node.get("ToleratedFailurePercentage"),
                text(node, "ToleratedFailurePercentagePath"), text(node, "Label"), node.get("ResultSelector"),
                path(node, "ResultPath"), retriers(node.get("Retry")), catchers(node.get("Catch")));
    }

    private static List<StateMachine> branches(JsonNode node, String pointer, QueryLanguage language) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new InvalidDefinitionException("Branches must be a non-empty array.", pointer + "/Branches");
        }
        List<StateMachine> branches = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            branches.add(machine(node.get(i), pointer + "/Branches/" + i, language));
        }
        return List.copyOf(branches);
    }

    private static List<ChoiceBranch> choices(JsonNode node, String pointer) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new InvalidDefinitionException("Choices must be a non-empty array.", pointer + "/Choices");
        }
        List<ChoiceBranch> branches = new ArrayList<>();
        for (JsonNode rule : node) {
            branches.add(new ChoiceBranch(rule, text(rule, "Next"), rule.get("Assign"), rule.get("Output")));
        }
        return List.copyOf(branches);
    }

    private static List<Retrier> retriers(JsonNode node) {
        if (node == null || !node.isArray()) {
            return List.of();
        }
        List<Retrier> retriers = new ArrayList<>();
        for (JsonNode r : node) {
            String jitter = r.path("JitterStrategy").asString("NONE");
            retriers.add(new Retrier(strings(r.get("ErrorEquals")), r.path("IntervalSeconds").asDouble(1),
                    r.path("MaxAttempts").asInt(3), r.path("BackoffRate").asDouble(2.0),
                    r.has("MaxDelaySeconds") ? r.get("MaxDelaySeconds").asDouble() : null,
                    "FULL".equals(jitter) ? Retrier.JitterStrategy.FULL : Retrier.JitterStrategy.NONE));
        }
        return List.copyOf(retriers);
    }

    private static List<Catcher> catchers(JsonNode node) {
        if (node == null || !node.isArray()) {
            return List.of();
        }
        List<Catcher> catchers = new ArrayList<>();
        for (JsonNode c : node) {
            catchers.add(new Catcher(strings(c.get("ErrorEquals")), text(c, "Next"), path(c, "ResultPath"),
                    c.get("Assign"), c.get("Output")));
        }
        return List.copyOf(catchers);
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node != null) {
            node.forEach(v -> values.add(v.asString()));
        }
        return List.copyOf(values);
    }

    private static Transition transition(JsonNode node, String pointer) {
        if (node.path("End").asBoolean(false)) {
            return Transition.END;
        }
        if (!node.path("Next").isString()) {
            throw new InvalidDefinitionException("A state needs either \"Next\" or \"End\": true.", pointer);
        }
        return new Transition(node.get("Next").asString());
    }

    private static QueryLanguage language(JsonNode node, String pointer) {
        return QueryLanguage.fromAslName(node.asString("")).orElseThrow(() -> new InvalidDefinitionException(
                "QueryLanguage must be \"JSONPath\" or \"JSONata\".", pointer + "/QueryLanguage"));
    }

    /** A path field: "$" when absent, null when JSON null. */
    private static String path(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return "$";
        }
        return value.isNull() ? null : value.asString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
