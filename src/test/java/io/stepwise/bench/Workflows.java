package io.stepwise.bench;

import io.stepwise.asl.Json;
import io.stepwise.store.Executions;
import io.stepwise.store.StateMachines;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The state machines the benchmark runs, registered once per run; the seeded rows need their versions. */
final class Workflows {

    static final String TASK = "bench-task";
    static final String FIVE = "bench-five";
    static final String PROBE = "bench-probe";
    static final String HTTP = "bench-http";

    static final String TASK_DEF = """
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "stepwise:echo", "End": true}}}""";
    static final String FIVE_DEF = """
            {"StartAt": "P", "States": {
              "P": {"Type": "Pass", "Result": "passed", "ResultPath": "$.p", "Next": "T1"},
              "T1": {"Type": "Task", "Resource": "stepwise:echo", "Next": "C"},
              "C": {"Type": "Choice", "Choices": [{"Variable": "$.go", "BooleanEquals": true, "Next": "T2"}], "Default": "T2"},
              "T2": {"Type": "Task", "Resource": "stepwise:echo", "Next": "S"},
              "S": {"Type": "Succeed"}}}""";
    static final String PROBE_DEF = """
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "bench:probe", "End": true}}}""";

    /** The Map workflow with this MaxConcurrency (0: unlimited), one registered per bench.map.concurrency. */
    static String map(int concurrency) {
        return "bench-map-" + concurrency;
    }

    static String mapDef(int concurrency) {
        return """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": %d,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "E",
                    "States": {"E": {"Type": "Task", "Resource": "stepwise:echo", "End": true}}},
                  "End": true}}}""".formatted(concurrency);
    }

    /** One HTTP task that posts the execution's input to {@code url} and keeps the status code. */
    static String httpDef(String url) {
        return """
                {"StartAt": "H", "States": {"H": {"Type": "Task", "Resource": "arn:aws:states:::http:invoke",
                  "Parameters": {"ApiEndpoint": "%s", "Method": "POST", "RequestBody.$": "$"},
                  "ResultSelector": {"status.$": "$.StatusCode"}, "End": true}}}""".formatted(url);
    }

    private final Map<String, String> definitions;
    private final Map<String, Integer> versions = new HashMap<>();

    private Workflows(List<Integer> mapConcurrencies, String httpUrl) {
        definitions = new HashMap<>(Map.of(TASK, TASK_DEF, FIVE, FIVE_DEF, PROBE, PROBE_DEF, HTTP, httpDef(httpUrl)));
        mapConcurrencies.forEach(c -> definitions.put(map(c), mapDef(c)));
    }

    static Workflows register(BenchApp app, List<Integer> mapConcurrencies, String httpUrl) {
        Workflows workflows = new Workflows(mapConcurrencies, httpUrl);
        StateMachines machines = app.bean(StateMachines.class);
        workflows.definitions.forEach((name, definition) -> workflows.versions.put(name,
                machines.register(name, Json.parse(definition), "benchmark").stateMachine().version()));
        return workflows;
    }

    int version(String machine) {
        return versions.get(machine);
    }

    String startAt(String machine) {
        return Json.parse(definitions.get(machine)).path("StartAt").asString();
    }

    /** Starts of the one-Task workflow with inputs {"n": first} … {"n": first + size - 1}, for {@code startAll}. */
    static List<Executions.StartRequest> taskStarts(long first, int size) {
        List<Executions.StartRequest> batch = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            batch.add(new Executions.StartRequest(TASK, null, null, Json.NODES.objectNode().put("n", first + k)));
        }
        return batch;
    }
}
