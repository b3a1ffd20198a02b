package io.stepwise.asl;

import io.stepwise.asl.model.PassState;
import io.stepwise.asl.model.State;
import io.stepwise.asl.model.StateMachine;
import io.stepwise.asl.model.SucceedState;
import io.stepwise.asl.model.Transition;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Turns ASL JSON into the immutable model. */
public final class DefinitionParser {

    private DefinitionParser() {
    }

    public static StateMachine parse(JsonNode definition) {
        if (!definition.isObject()) {
            throw new InvalidDefinitionException("A state machine definition must be a JSON object.", "");
        }
        if (!definition.path("StartAt").isString()) {
            throw new InvalidDefinitionException("The field 'StartAt' is required and must be a string.", "/StartAt");
        }
        if (!definition.path("States").isObject() || definition.path("States").isEmpty()) {
            throw new InvalidDefinitionException("The field 'States' is required and must name at least one state.",
                    "/States");
        }
        Map<String, State> states = new LinkedHashMap<>();
        for (var entry : definition.path("States").properties()) {
            states.put(entry.getKey(), parseState(entry.getKey(), entry.getValue()));
        }
        JsonNode timeout = definition.get("TimeoutSeconds");
        return new StateMachine(definition.path("StartAt").asString(), states,
                definition.path("Comment").asString(null), timeout == null ? null : timeout.asInt());
    }

    private static State parseState(String name, JsonNode node) {
        String type = node.path("Type").asString();
        return switch (type) {
            case "Pass" -> new PassState(name, node.get("Result"), transition(node));
            case "Succeed" -> new SucceedState(name);
            default -> throw new InvalidDefinitionException("Unsupported state type '" + type + "'.",
                    "/States/" + name.replace("~", "~0").replace("/", "~1") + "/Type");
        };
    }

    private static Transition transition(JsonNode node) {
        return node.path("End").asBoolean(false) ? Transition.END : new Transition(node.path("Next").asString());
    }
}
