package io.stepwise.task;

import static io.stepwise.task.TaskRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TaskHandlersTest {

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    record Named(Set<String> resources, JsonNode result) implements TaskHandler {
        @Override
        public JsonNode handle(TaskRequest request) {
            return result;
        }
    }

    private static TaskHandlers handlers(Object... beanNamesAndHandlers) {
        Map<String, TaskHandler> beans = new LinkedHashMap<>();
        for (int i = 0; i < beanNamesAndHandlers.length; i += 2) {
            beans.put((String) beanNamesAndHandlers[i], (TaskHandler) beanNamesAndHandlers[i + 1]);
        }
        return new TaskHandlers(beans);
    }

    private static TaskHandlers builtins() {
        return handlers("echoTask", new EchoTask(), "sleepTask", new SleepTask(), "failTask", new FailTask());
    }

    @Test
    void aDeclaredNameResolvesExactlyAndCaseSensitively() {
        TaskHandler charge = new Named(Set.of("payments:charge", "arn:aws:lambda:eu-west-1:1:function:charge"), null);
        TaskHandlers handlers = handlers("chargeHandler", charge, "echoTask", new EchoTask());

        assertThat(handlers.resolve("payments:charge")).containsSame(charge);
        assertThat(handlers.resolve("arn:aws:lambda:eu-west-1:1:function:charge")).containsSame(charge);
        assertThat(handlers.resolve("Payments:Charge")).isEmpty();
        assertThat(handlers.resolve("payments:charge:v2")).isEmpty();
        assertThat(handlers.resolve("payments")).isEmpty();
    }

    @Test
    void aBeanIsAddressableByItsBeanNameEvenWithoutDeclaredNames() {
        TaskHandler anonymous = new Named(Set.of(), null);
        TaskHandlers handlers = handlers("invoiceMailer", anonymous, "echoTask", new EchoTask());

        assertThat(handlers.resolve("stepwise:bean:invoiceMailer")).containsSame(anonymous);
        assertThat(handlers.resolve("stepwise:bean:echoTask")).get().isInstanceOf(EchoTask.class);
        assertThat(handlers.resolve("stepwise:bean:nobody")).isEmpty();
        assertThat(handlers.resolve("invoiceMailer")).isEmpty();
    }

    @Test
    void knownResourcesListDeclaredNamesAndBeanNamesSorted() {
        assertThat(builtins().knownResources()).containsExactly(
                "stepwise:bean:echoTask", "stepwise:bean:failTask", "stepwise:bean:sleepTask",
                "stepwise:echo", "stepwise:fail", "stepwise:sleep");
    }

    @Test
    void twoHandlersDeclaringOneNameStopStartUp() {
        assertThatThrownBy(() -> handlers("a", new Named(Set.of("x:y"), null), "b", new Named(Set.of("x:y"), null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'x:y'").hasMessageContaining("'a'").hasMessageContaining("'b'");
    }

    @Test
    void beanNamesCannotBeDeclaredAndBlankNamesAreRefused() {
        assertThatThrownBy(() -> handlers("a", new Named(Set.of("stepwise:bean:b"), null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("address beans by name");
        assertThatThrownBy(() -> handlers("a", new Named(Set.of(" "), null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("blank");
    }

    @Test
    void anUnknownResourceFailsWithStatesRuntimeNamingTheKnownOnes() {
        TaskOutcome outcome = builtins().invoke(request("arn:aws:lambda:us-east-1:1:function:nope", "{}"));

        assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Failed.class, failed -> {
            assertThat(failed.error()).isEqualTo(ErrorNames.RUNTIME);
            assertThat(failed.cause()).contains("'arn:aws:lambda:us-east-1:1:function:nope'").contains("stepwise:echo");
        });
    }

    @Test
    void aNullResultIsJsonNull() {
        TaskOutcome outcome = handlers("n", new Named(Set.of("x:null"), null)).invoke(request("x:null", "{}"));

        assertThat(outcome).isEqualTo(new TaskOutcome.Succeeded(Json.NODES.nullNode()));
    }

    @Test
    void aTaskFailureKeepsItsErrorAndCause() {
        TaskHandler failing = request -> {
            throw new TaskFailure("Payments.CardDeclined", null);
        };
        TaskOutcome outcome = handlers("f", failing).invoke(request("stepwise:bean:f", "{}"));

        assertThat(outcome).isEqualTo(new TaskOutcome.Failed("Payments.CardDeclined", null));
    }

    @Test
    void anyOtherExceptionFailsLikeAnAwsLambdaJavaException() {
        TaskHandler failing = request -> {
            throw new IOException("disk \"full\"");
        };
        TaskOutcome outcome = handlers("f", failing).invoke(request("stepwise:bean:f", "{}"));

        assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Failed.class, failed -> {
            assertThat(failed.error()).isEqualTo("java.io.IOException");
            assertThat(Json.parse(failed.cause())).isEqualTo(
                    Json.parse("{\"errorMessage\":\"disk \\\"full\\\"\",\"errorType\":\"java.io.IOException\"}"));
        });
    }

    @Test
    void anExceptionWithoutMessageHasANullErrorMessage() {
        TaskFailure failure = TaskFailure.from(new IllegalStateException());

        assertThat(failure.error()).isEqualTo("java.lang.IllegalStateException");
        assertThat(Json.parse(failure.cause()).get("errorMessage").isNull()).isTrue();
        assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cancellingInterruptsABlockedHandlerAndLeavesTheCallerUninterrupted() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        TaskHandler blocking = request -> {
            started.countDown();
            never.await(); // ignores the cancellation flag: only the interrupt can end it
            return null;
        };
        TaskHandlers handlers = handlers("blocking", blocking);
        Cancellation cancellation = new Cancellation();
        Future<Object[]> run = threads.submit(() -> {
            TaskOutcome outcome = handlers.invoke(request("stepwise:bean:blocking", "{}", Heartbeat.NONE, cancellation));
            return new Object[] {outcome, Thread.currentThread().isInterrupted()};
        });

        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        cancellation.cancel();

        Object[] result = run.get(10, TimeUnit.SECONDS);
        assertThat(result[0]).isEqualTo(new TaskOutcome.Cancelled());
        assertThat(result[1]).as("caller's thread still interrupted").isEqualTo(false);
    }

    @Test
    void aResultReturnedAfterCancellationIsDiscarded() {
        Cancellation cancellation = new Cancellation();
        TaskHandler ignoresCancel = request -> {
            cancellation.cancel();
            return Json.parse("{\"done\":true}");
        };

        TaskOutcome outcome = handlers("h", ignoresCancel)
                .invoke(request("stepwise:bean:h", "{}", Heartbeat.NONE, cancellation));

        assertThat(outcome).isEqualTo(new TaskOutcome.Cancelled());
        assertThat(Thread.interrupted()).as("interrupt meant for the handler was cleared").isFalse();
    }

    @Test
    void aForeignInterruptIsReportedAsCancelledAndKeptForTheCaller() {
        TaskHandler interrupted = request -> {
            throw new InterruptedException();
        };

        TaskOutcome outcome = handlers("h", interrupted).invoke(request("stepwise:bean:h", "{}"));

        assertThat(outcome).isEqualTo(new TaskOutcome.Cancelled());
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void theIdempotencyKeyReadsExecutionRedriveScopesStateVisitAndAttempt() {
        IdempotencyKey top = new IdempotencyKey(TaskRequests.EXECUTION, 0, List.of(), "Charge", 5, 0);
        IdempotencyKey nested = new IdempotencyKey(TaskRequests.EXECUTION, 1,
                List.of(new IdempotencyKey.Scope("Orders", 3, 0, 7), new IdempotencyKey.Scope("Lines", 2, 1, 0)),
                "Charge", 4, 2);

        assertThat(top).hasToString("0190c1e2-7a3b-7c4d-8e5f-000000000001/0/Charge#5.0");
        assertThat(nested).hasToString("0190c1e2-7a3b-7c4d-8e5f-000000000001/1/Orders#3.0[7]/Lines#2.1[0]/Charge#4.2");
        assertThatThrownBy(() -> IdempotencyKey.of(TaskRequests.EXECUTION, "Charge", -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stateNamesThatHoldTheKeysSeparatorsAreEncodedSoKeysStayDistinct() {
        // a state literally named "A[1]/B" must not read like item 1 of Map A running state B
        IdempotencyKey literal = new IdempotencyKey(TaskRequests.EXECUTION, 0, List.of(), "A[1]/B#2.0%", 2, 0);
        IdempotencyKey nested = new IdempotencyKey(TaskRequests.EXECUTION, 0,
                List.of(new IdempotencyKey.Scope("A", 2, 0, 1)), "B", 2, 0);

        assertThat(literal).hasToString("0190c1e2-7a3b-7c4d-8e5f-000000000001/0/A%5B1%5D%2FB%232.0%25#2.0");
        assertThat(literal.toString()).isNotEqualTo(nested.toString());
    }
}
