package io.stepwise.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.store.WorkTracer;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Tracing is off by default: no spans are made, no trace context is stored or handed to handlers. */
class TracingOffTest extends IntegrationTest {

    @Autowired
    WorkTracer tracer;

    @Test
    void byDefaultNothingIsTracedEvenForARequestThatCarriesATraceparent() {
        assertThat(tracer).as("the worker's tracer makes no spans").isSameAs(WorkTracer.OFF);
        api.put("/v1/state-machines/untraced", Asl.putBody(TracingTest.TWO_STEPS));
        var started = api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/executions"))
                .header("Content-Type", "application/json")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"stateMachine": "untraced", "input": {}}""")));
        assertThat(started.status()).as(started.raw()).isEqualTo(201);
        UUID id = UUID.fromString(started.body().get("executionId").asString());

        Eventually.await(Duration.ofSeconds(20), () -> api.get("/v1/executions/" + id).body().get("status").asString(),
                s -> s.equals("SUCCEEDED"));
        assertThat(TraceparentRecordingTask.SEEN.get(id)).isEqualTo(Optional.empty());
        assertThat(jdbc.sql("SELECT traceparent FROM execution WHERE id = ?").param(id).query(String.class).list())
                .containsExactly((String) null);
    }
}
