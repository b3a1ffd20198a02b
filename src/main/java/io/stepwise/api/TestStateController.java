package io.stepwise.api;

import io.stepwise.store.BadRequestException;
import io.stepwise.engine.InspectionLevel;
import io.stepwise.engine.StateTester;
import io.stepwise.engine.TestStateConfiguration;
import io.stepwise.engine.TestStateMock;
import io.stepwise.engine.TestStateRequest;
import io.stepwise.engine.TestStateResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.Random;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * AWS's TestState: one state runs once, in isolation, with its work mocked; nothing is stored. JSON
 * values may be given as JSON or, as AWS takes them, as strings holding JSON.
 */
@Tag(name = "Test state")
@RestController
@RequestMapping("/v1/test-state")
class TestStateController {

    private final StateTester tester;
    private final ApiProperties properties;

    TestStateController(Clock clock, ApiProperties properties) {
        // java.util.Random is thread-safe, and StateTester keeps no other state between calls
        this.tester = new StateTester(clock, new Random(), properties.region(), properties.accountId());
        this.properties = properties;
    }

    /**
     * @param definition         one state; or a whole machine when {@code stateName} names the state to test
     * @param input              the state's input; absent means {}
     * @param mock               required for Task, Map and Parallel states, refused for others
     * @param variables          a JSON object of the variables in scope
     * @param context            a JSON object replacing the generated context object
     * @param roleArn            shown as the context's Execution.RoleArn
     */
    @Schema(example = ApiExamples.TEST_STATE)
    record TestStateBody(@NotNull JsonNode definition, @Size(min = 1, max = 80) String stateName, JsonNode input,
            InspectionLevel inspectionLevel, @Valid Mock mock, JsonNode variables, JsonNode context,
            @Valid StateConfiguration stateConfiguration, @Size(max = 256) String roleArn) {
    }

    /** Exactly one of {@code result} (JSON, or a string holding it) and {@code errorOutput}. */
    record Mock(JsonNode result, @Valid ErrorOutput errorOutput) {
    }

    record ErrorOutput(@NotNull @Size(min = 1, max = 256) String error, @Size(max = 32768) String cause) {
    }

    record StateConfiguration(@Min(0) Integer retrierRetryCount, @Min(0) Integer mapIterationFailureCount,
            String errorCausedByState, JsonNode mapItemReaderData) {
    }

    /**
     * @param inspectionData a JSON object, null at INFO level (typed JsonNode, not ObjectNode: swagger-core
     *        cannot describe Jackson 3's ObjectNode, and the OpenAPI document lost the whole response)
     */
    @Schema(example = ApiExamples.TEST_STATE_RESULT)
    record TestStateResponse(String status, JsonNode output, String error, String cause, String nextState,
            JsonNode inspectionData) {
    }

    @Operation(operationId = "testState", summary = "Test one state in isolation",
            description = "As AWS's TestState: the state runs once with its work mocked; nothing is stored. A state"
                    + " that fails is a 200 with status FAILED.",
            responses = @ApiResponse(responseCode = "200", description = "What the state did."))
    @ProblemResponses({ProblemType.INVALID_DEFINITION, ProblemType.MOCK_REQUIRED})
    @PostMapping
    TestStateResponse test(@Valid @RequestBody TestStateBody body) {
        long maxInput = properties.maxInputBytes().toBytes();
        JsonBodies.checkSize(body.definition(), properties.maxDefinitionBytes().toBytes(), "/definition",
                "definition");
        JsonBodies.checkSize(body.input(), maxInput, "/input", "input");
        TestStateResult result = tester.test(new TestStateRequest(JsonBodies.text(body.definition()), body.stateName(),
                JsonBodies.text(body.input()), body.inspectionLevel(), mock(body.mock(), maxInput),
                JsonBodies.text(body.variables()), JsonBodies.text(body.context()), configuration(body
                        .stateConfiguration()), body.roleArn()));
        return new TestStateResponse(result.status().name(), result.output(), result.error(), result.cause(),
                result.nextState(), result.inspectionData());
    }

    private static TestStateMock mock(Mock mock, long maxBytes) {
        if (mock == null) {
            return null;
        }
        boolean hasResult = mock.result() != null && !mock.result().isNull();
        if (hasResult == (mock.errorOutput() != null)) {
            throw new BadRequestException("A mock gives either a result or an errorOutput, not "
                    + (hasResult ? "both." : "neither."), "/mock");
        }
        if (hasResult) {
            JsonBodies.checkSize(mock.result(), maxBytes, "/mock/result", "input");
            return new TestStateMock.Result(JsonBodies.text(mock.result()));
        }
        return new TestStateMock.ErrorOutput(mock.errorOutput().error(), mock.errorOutput().cause());
    }

    private static TestStateConfiguration configuration(StateConfiguration c) {
        if (c == null) {
            return null;
        }
        return new TestStateConfiguration(c.retrierRetryCount(), c.mapIterationFailureCount(), c.errorCausedByState(),
                JsonBodies.text(c.mapItemReaderData()));
    }
}
