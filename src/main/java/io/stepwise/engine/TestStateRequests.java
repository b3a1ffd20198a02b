package io.stepwise.engine;

import io.stepwise.asl.Json;
import io.stepwise.asl.model.MapState;
import io.stepwise.asl.model.ParallelState;
import io.stepwise.asl.model.Recoverable;
import io.stepwise.asl.model.State;
import io.stepwise.asl.model.TaskState;
import io.stepwise.engine.TestStateRejectedException.Reason;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The checks a TestState request must pass before its state runs; each failure names the field. */
final class TestStateRequests {

    private TestStateRequests() {
    }

    static JsonNode json(String text, String field) {
        try {
            return Json.parse(text);
        } catch (RuntimeException e) {
            throw new TestStateRejectedException(Reason.INVALID_REQUEST, "The " + field + " is not valid JSON.");
        }
    }

    static ObjectNode object(String text, String field) {
        if (json(text, field) instanceof ObjectNode object) {
            return object;
        }
        throw new TestStateRejectedException(Reason.INVALID_REQUEST, "The " + field + " must be a JSON object.");
    }

    /** Kept in the order given, so inspectionData shows them as they were sent. */
    static Map<String, JsonNode> variables(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        object(text, "variables").properties().forEach(e -> variables.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(variables);
    }

    /**
     * A Task would call a service and a Map or Parallel would run its children: here, a mock stands in
     * for that work, so those states need one and no other state may have one.
     */
    static void checkMock(State state, TestStateMock mock) {
        if (state instanceof Recoverable && mock == null) {
            String work = state instanceof TaskState task ? "calls '" + task.resource() + "'"
                    : "runs its " + (state instanceof MapState ? "item processor" : "branches");
            throw new TestStateRejectedException(Reason.NEEDS_MOCK, "The " + state.type() + " state " + work
                    + ", which cannot run here: give a mock result or errorOutput.");
        }
        if (!(state instanceof Recoverable) && mock != null) {
            throw new TestStateRejectedException(Reason.INVALID_REQUEST,
                    "A mock applies only to Task, Map and Parallel states, not to a " + state.type() + " state.");
        }
        if (mock instanceof TestStateMock.ErrorOutput error && (error.error() == null || error.error().isBlank())) {
            throw new TestStateRejectedException(Reason.INVALID_REQUEST, "The mock's errorOutput needs an error.");
        }
        if (mock instanceof TestStateMock.Result result && result.json() == null) {
            throw new TestStateRejectedException(Reason.INVALID_REQUEST, "The mock's result is missing.");
        }
    }

    static void checkConfiguration(State state, TestStateConfiguration configuration) {
        if (configuration.retrierRetryCount() != null) {
            if (configuration.retrierRetryCount() < 0) {
                throw invalid("stateConfiguration.retrierRetryCount cannot be negative.");
            }
            if (!(state instanceof Recoverable)) {
                throw invalid("stateConfiguration.retrierRetryCount applies only to Task, Map and Parallel states.");
            }
        }
        if (configuration.mapIterationFailureCount() != null) {
            if (configuration.mapIterationFailureCount() < 0) {
                throw invalid("stateConfiguration.mapIterationFailureCount cannot be negative.");
            }
            if (!(state instanceof MapState)) {
                throw invalid("stateConfiguration.mapIterationFailureCount applies only to Map states.");
            }
        }
        if (configuration.mapItemReaderData() != null) {
            if (!(state instanceof MapState map) || map.itemReader() == null) {
                throw invalid("stateConfiguration.mapItemReaderData applies only to Map states with an ItemReader.");
            }
            if (!json(configuration.mapItemReaderData(), "stateConfiguration.mapItemReaderData").isArray()) {
                throw invalid("stateConfiguration.mapItemReaderData must be a JSON array.");
            }
        }
        String causedBy = configuration.errorCausedByState();
        if (causedBy != null) {
            if (!(state instanceof MapState || state instanceof ParallelState)) {
                throw invalid("stateConfiguration.errorCausedByState applies only to Map and Parallel states.");
            }
            boolean known = TestStateDefinitions.children(state).stream()
                    .anyMatch(child -> TestStateDefinitions.find(child, causedBy).isPresent());
            if (!known) {
                throw invalid("stateConfiguration.errorCausedByState names no state of the " + state.type()
                        + " state: '" + causedBy + "'.");
            }
        }
    }

    private static TestStateRejectedException invalid(String message) {
        return new TestStateRejectedException(Reason.INVALID_REQUEST, message);
    }
}
