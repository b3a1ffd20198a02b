package io.stepwise.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.support.Api.Response;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The workers in {@code examples/} run as separate processes against this service, over HTTP only:
 * Python with its standard library, Java with the JDK's HttpClient.
 */
class ExampleWorkersTest extends IntegrationTest {

    private void startMany(String machine, int count) {
        StringBuilder batch = new StringBuilder("{\"executions\": [");
        for (int i = 0; i < count; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"stateMachine\": \"").append(machine)
                    .append("\", \"input\": {\"n\": ").append(i).append("}}");
        }
        Response started = api.post("/v1/executions/batch", batch.append("]}").toString());
        assertThat(started.status()).as(started.raw()).isEqualTo(200);
    }

    private Process run(List<String> command, Path log) throws Exception {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void awaitAllSucceeded(String machine, int count) {
        Eventually.await(Duration.ofSeconds(60), () -> jdbc.sql("SELECT count(*) FROM execution "
                + "WHERE state_machine_name = ? AND status = 'SUCCEEDED'").param(machine).query(Integer.class).single(),
                n -> n == count);
    }

    @Test
    void thePythonWorkerCompletesAThousandTasksWithHeartbeats() throws Exception {
        api.put("/v1/activities/double", "");
        api.put("/v1/state-machines/doubler", Asl.putBody(Asl.task("stepwise:activity:double",
                "{\"HeartbeatSeconds\": 30}")));
        startMany("doubler", 1000);
        Path log = Files.createTempFile("python-worker", ".log");
        Process worker = run(List.of("python3", "examples/python/activity_worker.py", "--url",
                "http://localhost:" + port, "--activity", "double", "--tasks", "1000", "--wait-seconds", "5"), log);
        try {
            assertThat(worker.waitFor(120, TimeUnit.SECONDS)).as("the worker finished: " + Files.readString(log))
                    .isTrue();
        } finally {
            worker.destroyForcibly();
        }
        assertThat(worker.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("python-worker: 1000 tasks").doesNotContain("refused");
        awaitAllSucceeded("doubler", 1000);
        JsonNode outputs = Json.parse(jdbc.sql("SELECT json_agg(output) FROM execution WHERE state_machine_name = 'doubler' "
                + "AND (input->>'n')::int = 21").query(String.class).single());
        assertThat(outputs.get(0).toString()).isEqualTo("{\"doubled\":42}");
    }

    @Test
    void aWorkerKilledMidTaskLosesItToTheRetryAndAnotherWorkerFinishesIt() throws Exception {
        api.put("/v1/activities/fragile", "");
        api.put("/v1/state-machines/fragile-work", Asl.putBody(Asl.task("stepwise:activity:fragile",
                "{\"HeartbeatSeconds\": 2, \"Retry\": [{\"ErrorEquals\": [\"States.HeartbeatTimeout\"], "
                        + "\"IntervalSeconds\": 1, \"MaxAttempts\": 2}]}")));
        startMany("fragile-work", 1);
        Path stuckLog = Files.createTempFile("stuck-worker", ".log");
        Process stuck = run(List.of("python3", "examples/python/activity_worker.py", "--url", "http://localhost:" + port,
                "--activity", "fragile", "--tasks", "1", "--hold-seconds", "300", "--worker-name", "doomed"), stuckLog);
        try {
            Eventually.await(Duration.ofSeconds(30), () -> jdbc.sql("SELECT count(*) FROM task_token "
                    + "WHERE worker_name = 'doomed' AND polled_at IS NOT NULL").query(Integer.class).single(), n -> n == 1);
        } finally {
            stuck.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Path log = Files.createTempFile("rescuing-worker", ".log");
        Process rescuer = run(List.of("python3", "examples/python/activity_worker.py", "--url", "http://localhost:" + port,
                "--activity", "fragile", "--tasks", "1", "--wait-seconds", "10"), log);
        try {
            assertThat(rescuer.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
        } finally {
            rescuer.destroyForcibly();
        }
        awaitAllSucceeded("fragile-work", 1);
        String id = jdbc.sql("SELECT id::text FROM execution WHERE state_machine_name = 'fragile-work'")
                .query(String.class).single();
        JsonNode events = api.get("/v1/executions/" + id + "/history").body().get("events");
        assertThat(events.findValuesAsString("type").stream().filter("TaskFailed"::equals)).hasSize(1);
        assertThat(events.toString()).contains("States.HeartbeatTimeout");
    }

    @Test
    void theJavaWorkerRunsAsASingleFileProgram() throws Exception {
        api.put("/v1/activities/java-work", "");
        api.put("/v1/state-machines/java-worked", Asl.putBody(Asl.task("stepwise:activity:java-work")));
        startMany("java-worked", 20);
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = Files.createTempFile("java-worker", ".log");
        Process worker = run(List.of(java, "examples" + File.separator + "java" + File.separator
                + "ActivityWorker.java", "http://localhost:" + port, "java-work", "20"), log);
        try {
            assertThat(worker.waitFor(120, TimeUnit.SECONDS)).as("the worker finished: " + Files.readString(log))
                    .isTrue();
        } finally {
            worker.destroyForcibly();
        }
        assertThat(Files.readString(log)).contains("java-worker: 20 tasks");
        awaitAllSucceeded("java-worked", 20);
        String output = jdbc.sql("SELECT output::text FROM execution WHERE state_machine_name = 'java-worked' "
                + "AND (input->>'n')::int = 7").query(String.class).single();
        assertThat(Json.parse(output).toString()).isEqualTo("{\"handledBy\":\"java\",\"input\":{\"n\":7}}");
    }
}
