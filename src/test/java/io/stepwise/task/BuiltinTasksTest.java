package io.stepwise.task;

import static io.stepwise.task.TaskRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.asl.Json;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class BuiltinTasksTest {

    private final TaskHandlers handlers = new TaskHandlers(
            Map.of("echoTask", new EchoTask(), "sleepTask", new SleepTask(), "failTask", new FailTask()));
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":[1,{\"b\":null}]}", "\"text\"", "42", "null", "[]"})
    void echoReturnsItsInput(String input) {
        assertThat(handlers.invoke(request("stepwise:echo", input)))
                .isEqualTo(new TaskOutcome.Succeeded(Json.parse(input)));
    }

    @Test
    void sleepWaitsAtLeastTheGivenMillisAndReturnsItsInput() {
        long started = System.nanoTime();

        TaskOutcome outcome = handlers.invoke(request("stepwise:sleep", "{\"millis\":5,\"keep\":\"me\"}"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(5));
        assertThat(outcome).isEqualTo(new TaskOutcome.Succeeded(Json.parse("{\"millis\":5,\"keep\":\"me\"}")));
    }

    @Test
    void sleepBeatsItsHeartbeatWhileWaiting() throws Exception {
        AtomicInteger beats = new AtomicInteger();
        SleepTask sleep = new SleepTask(Duration.ofMillis(20));

        // 60 ms in beats of 20: a loaded machine that pauses the thread for a few ms (it did, with 2 and 6)
        // still finds the wait unfinished when it first looks
        sleep.handle(request("stepwise:sleep", "{\"millis\":60}", beats::incrementAndGet, new Cancellation()));

        assertThat(beats.get()).isBetween(1, 3);
    }

    @Test
    void sleepStopsAtOnceWhenCancelledMidSleep() throws Exception {
        Cancellation cancellation = new Cancellation();
        AtomicReference<Thread> runner = new AtomicReference<>();
        Future<TaskOutcome> run = threads.submit(() -> {
            runner.set(Thread.currentThread());
            return handlers.invoke(request("stepwise:sleep", "{\"millis\":600000}", Heartbeat.NONE, cancellation));
        });
        io.stepwise.support.Eventually.await(Duration.ofSeconds(10), runner::get,
                thread -> thread != null && thread.getState() == Thread.State.TIMED_WAITING);

        cancellation.cancel();

        assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo(new TaskOutcome.Cancelled());
    }

    @Test
    void sleepDoesNotStartWhenAlreadyCancelled() throws Exception {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();
        Future<TaskOutcome> run = threads.submit(() ->
                handlers.invoke(request("stepwise:sleep", "{\"millis\":600000}", Heartbeat.NONE, cancellation)));

        assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo(new TaskOutcome.Cancelled());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"millis\":-1}", "{\"millis\":1.5}", "{\"millis\":\"5\"}", "[5]",
            "{\"millis\":31536000001}", "{\"millis\":99999999999999999999}"})
    void sleepRefusesAnInvalidInputWithACatchableError(String input) {
        assertThat(handlers.invoke(request("stepwise:sleep", input)))
                .isInstanceOfSatisfying(TaskOutcome.Failed.class, failed -> {
                    assertThat(failed.error()).isEqualTo("Stepwise.InvalidInput");
                    assertThat(failed.cause()).startsWith("stepwise:sleep: ");
                });
    }

    @Test
    void failFailsWithTheGivenErrorAndCause() {
        assertThat(handlers.invoke(request("stepwise:fail", "{\"error\":\"Order.Rejected\",\"cause\":\"out of stock\"}")))
                .isEqualTo(new TaskOutcome.Failed("Order.Rejected", "out of stock"));
    }

    @Test
    void failWithoutCauseHasNoCause() {
        assertThat(handlers.invoke(request("stepwise:fail", "{\"error\":\"Order.Rejected\"}")))
                .isEqualTo(new TaskOutcome.Failed("Order.Rejected", null));
        assertThat(handlers.invoke(request("stepwise:fail", "{\"error\":\"Order.Rejected\",\"cause\":null}")))
                .isEqualTo(new TaskOutcome.Failed("Order.Rejected", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"error\":\"\"}", "{\"error\":7}", "{\"error\":\"E\",\"cause\":{}}", "\"E\""})
    void failRefusesAnInvalidInput(String input) {
        assertThat(handlers.invoke(request("stepwise:fail", input)))
                .isInstanceOfSatisfying(TaskOutcome.Failed.class,
                        failed -> assertThat(failed.error()).isEqualTo("Stepwise.InvalidInput"));
    }

    @Test
    void aBlankErrorNameIsRefusedByTaskFailureItself() {
        assertThatThrownBy(() -> new TaskFailure(" ", "c")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void echoReturnsTheVeryInputNode() throws Exception {
        TaskRequest request = request("stepwise:echo", "{\"x\":1}");
        JsonNode result = new EchoTask().handle(request);
        assertThat(result).isSameAs(request.input());
    }
}
