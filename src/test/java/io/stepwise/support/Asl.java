package io.stepwise.support;

import io.stepwise.asl.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * State machine definitions for tests, so that a test writes only the states that matter and the
 * envelope ({@code {"StartAt": …, "States": {…}}}) is made here. States are given as JSON text, as a
 * reader who knows ASL would write them; the rest is built as JSON nodes (names with quotes stay
 * valid) and written in order: {@code StartAt} before {@code States}, states as given, so the
 * definitions read back and point (JSON pointers, error messages) as their text blocks did.
 *
 * <pre>{@code
 * Asl.task("test:block")                                   // one Task "Work", End true
 * Asl.single("W", """
 *         {"Type": "Wait", "Seconds": 60, "End": true}""")
 * Asl.of("Sleep", """
 *         {"Type": "Wait", "Seconds": 86400, "Next": "Done"}""",
 *         "Done", Asl.pass())                              // the first state is StartAt
 * Asl.single("Each", Asl.map(Asl.task("test:flaky"), """
 *         {"MaxConcurrency": 1}"""))
 * api.put("/v1/state-machines/m", Asl.putBody(Asl.task("stepwise:echo")))
 * }</pre>
 *
 * Definitions whose shape is the point of a test (Parallel inside Map, Choice loops, top-level fields)
 * read better as text blocks; raw JSON text under test (validation, malformed requests) stays raw.
 */
public final class Asl {

    /** The name of the one state of {@link #task}. */
    public static final String TASK_STATE = "Work";

    private Asl() {
    }

    /** {@code {"StartAt": name, "States": {name: state}}}. */
    public static String single(String name, String state) {
        return of(name, state);
    }

    /**
     * A machine of the given states, in order: {@code of("A", stateA, "B", stateB)}; the first one is
     * {@code StartAt}. Each state's own {@code Next}/{@code End} say how they chain.
     */
    public static String of(String... namesAndStates) {
        if (namesAndStates.length == 0 || namesAndStates.length % 2 != 0) {
            throw new IllegalArgumentException("expected name, state, name, state, …; got "
                    + namesAndStates.length + " arguments");
        }
        ObjectNode machine = Json.NODES.objectNode();
        machine.put("StartAt", namesAndStates[0]);
        ObjectNode states = machine.putObject("States");
        for (int i = 0; i < namesAndStates.length; i += 2) {
            String name = namesAndStates[i];
            if (states.has(name)) {
                throw new IllegalArgumentException("state " + name + " given twice");
            }
            states.set(name, object(namesAndStates[i + 1]));
        }
        return Json.write(machine);
    }

    /** A machine of one Task state, {@value #TASK_STATE}, that calls {@code resource} and ends. */
    public static String task(String resource) {
        return task(resource, "{}");
    }

    /**
     * A machine of one Task state, {@value #TASK_STATE}, that calls {@code resource} with more fields
     * ({@code {"Parameters": …, "Retry": […]}}); it ends unless the fields say {@code Next} or {@code End}.
     */
    public static String task(String resource, String fields) {
        ObjectNode state = Json.NODES.objectNode();
        state.put("Type", "Task");
        state.put("Resource", resource);
        return single(TASK_STATE, Json.write(ending(state, object(fields))));
    }

    /** A Map state that runs {@code itemProcessor} (a machine) over its input's items and ends. */
    public static String map(String itemProcessor) {
        return map(itemProcessor, "{}");
    }

    /**
     * A Map state with more fields ({@code {"ItemsPath": …, "MaxConcurrency": 1}}) that runs
     * {@code itemProcessor} (a machine); it ends unless the fields say {@code Next} or {@code End}.
     */
    public static String map(String itemProcessor, String fields) {
        ObjectNode state = Json.NODES.objectNode();
        state.put("Type", "Map");
        state.setAll(object(fields));
        state.set("ItemProcessor", object(itemProcessor));
        return Json.write(ending(state, Json.NODES.objectNode()));
    }

    /** {@code {"Type": "Pass", "End": true}}: a state that ends the machine with its input. */
    public static String pass() {
        return "{\"Type\": \"Pass\", \"End\": true}";
    }

    /** {@code {"Type": "Succeed"}}. */
    public static String succeed() {
        return "{\"Type\": \"Succeed\"}";
    }

    /** The body of {@code PUT /v1/state-machines/{name}} (and of validate): {@code {"definition": machine}}. */
    public static String putBody(String machine) {
        ObjectNode body = Json.NODES.objectNode();
        body.set("definition", object(machine));
        return Json.write(body);
    }

    /** {@code {"definition": machine, "description": description}}. */
    public static String putBody(String machine, String description) {
        ObjectNode body = (ObjectNode) Json.parse(putBody(machine));
        body.put("description", description);
        return Json.write(body);
    }

    private static ObjectNode ending(ObjectNode state, ObjectNode fields) {
        state.setAll(fields);
        if (!state.has("Next") && !state.has("End")) {
            state.put("End", true);
        }
        return state;
    }

    private static ObjectNode object(String json) {
        JsonNode node = Json.parse(json);
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("expected a JSON object, got: " + json);
        }
        return object;
    }
}
