package io.stepwise.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.stepwise.asl.Json;
import io.stepwise.store.Executions;
import io.stepwise.store.StateMachines;
import io.stepwise.support.Api;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.Replicas;
import io.stepwise.support.TestDatabase;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Tracing on, across two replicas: one serves the API and runs no workers, the other runs every step,
 * so an execution's trace can only join up through the trace context stored with it. Spans are caught
 * by an in-memory exporter beside Boot's OTLP exporter, which the worker replica points, with the
 * standard setting, at a stand-in collector.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracingTest {

    /** Two step runs: the Task runs at the start; the Wait sends the rest back through the queue. */
    static final String TWO_STEPS = Asl.of(
            "First", """
                    {"Type": "Task", "Resource": "test:traceparent", "Next": "Pause"}""",
            "Pause", """
                    {"Type": "Wait", "Seconds": 0, "Next": "Second"}""",
            "Second", """
                    {"Type": "Pass", "End": true}""");

    private static final String INCOMING_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    /** A span exporter of the test's own; Boot adds every SpanExporter bean to its span processor. */
    static class InMemorySpans {
        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }
    }

    /** What the stand-in OTLP collector received: the bodies of its POSTs to /v1/traces. */
    private final List<byte[]> collected = new CopyOnWriteArrayList<>();
    private HttpServer collector;
    private ConfigurableApplicationContext apiReplica;
    private ConfigurableApplicationContext workerReplica;
    private Api api;
    private JdbcClient jdbc;

    @BeforeAll
    void startReplicas() {
        // a database of their own: other test contexts of this JVM (tracing off) would take their steps
        TestDatabase db = TestDatabase.get().isolated("tracing_test");
        collector = startCollector();
        String[] tracingOn = {"management.tracing.export.enabled=true", "management.tracing.sampling.probability=1.0",
                "management.opentelemetry.tracing.export.schedule-delay=20ms", "stepwise.worker.poll-interval=100ms"};
        apiReplica = Replicas.start(db, List.of(InMemorySpans.class), concat(tracingOn,
                "spring.main.web-application-type=servlet", "server.port=0", "stepwise.worker.enabled=false"));
        workerReplica = Replicas.start(db, List.of(InMemorySpans.class), concat(tracingOn,
                "management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:"
                        + collector.getAddress().getPort() + "/v1/traces"));
        api = new Api("http://localhost:" + apiReplica.getEnvironment().getProperty("local.server.port"));
        jdbc = JdbcClient.create(new DriverManagerDataSource(db.url(), db.user(), db.password()));
        apiReplica.getBean(StateMachines.class).register("traced", Json.parse(TWO_STEPS), null);
    }

    @AfterAll
    void stopReplicas() {
        workerReplica.close();
        apiReplica.close();
        collector.stop(0);
    }

    private HttpServer startCollector() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/traces", exchange -> {
                collected.add(exchange.getRequestBody().readAllBytes());
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anExecutionStartedByARequestContinuesTheRequestsTraceInEveryStepRun() {
        var started = api.send(HttpRequest.newBuilder(URI.create(apiUrl("/v1/executions")))
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + INCOMING_TRACE + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"stateMachine": "traced", "input": {}}""")));
        assertThat(started.status()).as(started.raw()).isEqualTo(201);
        UUID id = UUID.fromString(started.body().get("executionId").asString());

        var stored = Traceparents.parse(storedTraceparent(id));
        assertThat(stored.getTraceId()).as("the request's trace").isEqualTo(INCOMING_TRACE);
        List<SpanData> steps = stepSpans(id, 2);
        assertThat(steps).extracting(SpanData::getName).containsExactly("First", "Pause");
        assertThat(steps).allSatisfy(span -> {
            assertThat(span.getTraceId()).isEqualTo(INCOMING_TRACE);
            assertThat(span.getParentSpanId()).as("a child of the request's server span").isEqualTo(stored.getSpanId());
            assertThat(span.getAttributes().get(AttributeKey.stringKey("stateMachine"))).isEqualTo("traced");
        });
        assertThat(steps).extracting(span -> span.getAttributes().get(AttributeKey.stringKey("stepKind")))
                .containsExactly("ENTER", "WAIT");
        assertThat(steps).extracting(span -> span.getAttributes().get(AttributeKey.stringKey("state")))
                .containsExactly("First", "Pause");
        // the request's own span, exported by the API replica, is the one the execution stored
        SpanData request = exportedSpan(apiReplica, stored.getSpanId());
        assertThat(request.getTraceId()).isEqualTo(INCOMING_TRACE);
        assertThat(request.getParentSpanId()).as("the header's span").isEqualTo("00f067aa0ba902b7");
        // the handler was handed the context of the step run that called it
        SpanData first = steps.getFirst();
        assertThat(TraceparentRecordingTask.SEEN.get(id))
                .isEqualTo(Optional.of("00-" + INCOMING_TRACE + "-" + first.getSpanId() + "-01"));
    }

    @Test
    void anExecutionStartedOutsideAnyTraceGetsARootOfItsOwn() {
        UUID id = apiReplica.getBean(Executions.class).start("traced", null, null, Json.parse("{}")).execution().id();

        var stored = Traceparents.parse(storedTraceparent(id));
        SpanData root = exportedSpan(apiReplica, stored.getSpanId());
        assertThat(root.getName()).isEqualTo(StepTracing.START_SPAN);
        assertThat(root.getParentSpanId()).isEqualTo(SpanId.getInvalid());
        List<SpanData> steps = stepSpans(id, 2);
        assertThat(steps).allSatisfy(span -> {
            assertThat(span.getTraceId()).isEqualTo(stored.getTraceId());
            assertThat(span.getParentSpanId()).isEqualTo(root.getSpanId());
        });
        assertThat(steps).extracting(span -> span.getStatus().getStatusCode()).containsOnly(StatusCode.UNSET);
    }

    @Test
    void aFailedTaskMarksItsStepRunAsAnError() {
        apiReplica.getBean(StateMachines.class).register("traced-failure",
                Json.parse(Asl.task("test:traceparent-fail")), null);
        UUID id = apiReplica.getBean(Executions.class).start("traced-failure", null, null, Json.parse("{}"))
                .execution().id();

        SpanData step = stepSpans(id, 1).getFirst();
        assertThat(step.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(step.getStatus().getDescription()).isEqualTo("Traced.Failure");
        assertThat(step.getEvents()).anySatisfy(event -> {
            assertThat(event.getName()).isEqualTo("failed");
            assertThat(event.getAttributes().get(AttributeKey.stringKey("cause"))).isEqualTo("failed on purpose");
        });
    }

    @Test
    void stepRunsReachTheOtlpEndpointOfTheStandardSetting() {
        UUID id = apiReplica.getBean(Executions.class).start("traced", null, null, Json.parse("{}")).execution().id();

        stepSpans(id, 2);
        // OTLP/HTTP protobuf keeps string attribute values as they are: the execution id shows in a body
        // (ISO-8859-1 reads every byte as one char)
        Eventually.await(Duration.ofSeconds(20), () -> collected.stream()
                .filter(body -> new String(body, StandardCharsets.ISO_8859_1).contains(id.toString())).count(),
                n -> n > 0);
    }

    private String storedTraceparent(UUID id) {
        return jdbc.sql("SELECT traceparent FROM execution WHERE id = ?").param(id).query(String.class).single();
    }

    /** The worker replica's spans of one execution's step runs, in the order they started, once there are n. */
    private List<SpanData> stepSpans(UUID id, int n) {
        return Eventually.await(Duration.ofSeconds(20), () -> exported(workerReplica).stream()
                .filter(span -> id.toString().equals(span.getAttributes().get(AttributeKey.stringKey("executionId"))))
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
                .toList(), spans -> spans.size() >= n);
    }

    /** The span a replica exported with this id, once the batch processor has passed it on. */
    private static SpanData exportedSpan(ConfigurableApplicationContext replica, String spanId) {
        return Eventually.await(Duration.ofSeconds(10), () -> exported(replica).stream()
                .filter(span -> span.getSpanId().equals(spanId)).findFirst(), Optional::isPresent).orElseThrow();
    }

    private static List<SpanData> exported(ConfigurableApplicationContext replica) {
        return replica.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
    }

    private String apiUrl(String path) {
        return "http://localhost:" + apiReplica.getEnvironment().getProperty("local.server.port") + path;
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
