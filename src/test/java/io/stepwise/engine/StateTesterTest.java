package io.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.asl.Json;
import io.stepwise.engine.TestStateRejectedException.Reason;
import io.stepwise.engine.TestStateResult.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StateTesterTest {

    private final StateTester tester = new StateTester(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"),
            ZoneOffset.UTC), new Random(1), "us-east-1", "123456789012");

    private static TestStateRequest request(String definition, String stateName, String input, TestStateMock mock,
            TestStateConfiguration configuration) {
        return new TestStateRequest(definition, stateName, input, InspectionLevel.DEBUG, mock, null, null,
                configuration, null);
    }

    @Test
    void aTaskWithoutMockIsRejectedAsNeedingOne() {
        assertThatThrownBy(() -> tester.test(TestStateRequest.of(
                "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"End\":true}", "{}")))
                .isInstanceOfSatisfying(TestStateRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NEEDS_MOCK))
                .hasMessageContaining("arn:aws:states:::lambda:invoke");
    }

    @Test
    void anInvalidStateIsRejectedWithTheValidatorsDiagnostics() {
        assertThatThrownBy(() -> tester.test(TestStateRequest.of("{\"Type\":\"Pass\"}", "{}")))
                .isInstanceOfSatisfying(TestStateRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_DEFINITION);
                    assertThat(e.diagnostics()).isNotEmpty();
                });
    }

    @Test
    void anUnknownStateNameIsRejected() {
        String machine = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}";
        assertThatThrownBy(() -> tester.test(request(machine, "B", "{}", null, null)))
                .isInstanceOfSatisfying(TestStateRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST))
                .hasMessageContaining("'B'");
    }

    @Test
    void aMockOnAPassStateIsRejected() {
        assertThatThrownBy(() -> tester.test(request("{\"Type\":\"Pass\",\"End\":true}", null, "{}",
                new TestStateMock.Result("{}"), null)))
                .isInstanceOfSatisfying(TestStateRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST));
    }

    @Test
    void malformedInputIsRejected() {
        assertThatThrownBy(() -> tester.test(TestStateRequest.of("{\"Type\":\"Pass\",\"End\":true}", "{oops")))
                .isInstanceOfSatisfying(TestStateRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST))
                .hasMessageContaining("input");
    }

    @Test
    void aStateInsideAMapsItemProcessorCanBeTestedByName() {
        String machine = """
                {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"Inner",
                 "States":{"Inner":{"Type":"Pass","Result":"x","End":true}}}}}}""";
        TestStateResult result = tester.test(request(machine, "Inner", "{}", null, null));
        assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(result.output()).isEqualTo(Json.parse("\"x\""));
    }

    @Test
    void aWaitStateReportsWhereItGoesWithoutWaiting() {
        TestStateResult result = tester.test(request("{\"Type\":\"Wait\",\"Seconds\":3600,\"Next\":\"After\"}", null,
                "{\"a\":1}", null, null));
        assertThat(result.nextState()).isEqualTo("After");
        assertThat(result.output()).isEqualTo(Json.parse("{\"a\":1}"));
        assertThat(result.inspectionData().get("afterInputPath")).isEqualTo(Json.parse("{\"a\":1}"));
    }

    @Test
    void infoLevelReportsNoInspectionData() {
        TestStateResult result = tester.test(TestStateRequest.of("{\"Type\":\"Pass\",\"End\":true}", "{}"));
        assertThat(result.inspectionData()).isNull();
        assertThat(result.nextState()).isNull();
    }

    @Test
    void anExhaustedRetrierFallsThroughToTheCatcher() {
        String task = """
                {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,
                 "Retry":[{"ErrorEquals":["Boom"],"MaxAttempts":2}],
                 "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Handler"}]}""";
        TestStateResult result = tester.test(request(task, null, "{\"a\":1}", new TestStateMock.ErrorOutput("Boom",
                "bad"), new TestStateConfiguration(2, null, null, null)));
        assertThat(result.status()).isEqualTo(Status.CAUGHT_ERROR);
        assertThat(result.nextState()).isEqualTo("Handler");
        assertThat(result.output()).isEqualTo(Json.parse("{\"a\":1,\"error\":{\"Error\":\"Boom\",\"Cause\":\"bad\"}}"));
        assertThat(result.inspectionData().get("errorDetails")).isEqualTo(Json.parse(
                "{\"retryIndex\":0,\"catchIndex\":0}"));
    }

    @Test
    void aRetryBackoffIsCappedByMaxDelay() {
        String task = """
                {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,
                 "Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":3,"MaxAttempts":10,"MaxDelaySeconds":20}]}""";
        TestStateResult result = tester.test(request(task, null, "{}", new TestStateMock.ErrorOutput("Boom", null),
                new TestStateConfiguration(3, null, null, null)));
        assertThat(result.status()).isEqualTo(Status.RETRIABLE);
        assertThat(result.inspectionData().get("errorDetails").get("retryBackoffIntervalSeconds").asLong())
                .isEqualTo(20);
    }
}
