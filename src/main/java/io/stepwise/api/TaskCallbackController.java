package io.stepwise.api;

import io.stepwise.activity.HmacTaskTokens;
import io.stepwise.store.Callbacks;
import io.stepwise.store.Namespace;
import io.stepwise.store.JsonText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Answers to task tokens: from activity workers, and from whoever a {@code .waitForTaskToken} task
 * handed its {@code $$.Task.Token} to. The token travels in the body, never in the URL, so access logs
 * do not hold it.
 */
@RestController
@RequestMapping("/v1/tasks")
@Tag(name = "Task tokens")
class TaskCallbackController {

    private final Callbacks callbacks;
    private final ApiProperties properties;

    TaskCallbackController(Callbacks callbacks, ApiProperties properties) {
        this.callbacks = callbacks;
        this.properties = properties;
    }

    /** @param output the task's result: any JSON value, taken as it is */
    @Schema(example = ApiExamples.TASK_SUCCESS)
    record SuccessRequest(@NotBlank @Size(max = 1024) String taskToken, @NotNull JsonNode output) {
    }

    /** AWS's limits: an error name of up to 256 characters, a cause of up to 32,768. */
    @Schema(example = ApiExamples.TASK_FAILURE)
    record FailureRequest(@NotBlank @Size(max = 1024) String taskToken, @Size(max = 256) String error,
            @Size(max = 32768) String cause) {
    }

    @Schema(example = ApiExamples.TASK_HEARTBEAT)
    record HeartbeatRequest(@NotBlank @Size(max = 1024) String taskToken) {
    }

    @Operation(operationId = "sendTaskSuccess", summary = "Answer a task with its result",
            description = "The output becomes the Task state's result (ResultSelector, ResultPath and OutputPath apply).",
            responses = @ApiResponse(responseCode = "204", description = "Accepted; the execution moves on."))
    @ProblemResponses({ProblemType.TASK_NOT_FOUND, ProblemType.TASK_ALREADY_ANSWERED, ProblemType.TASK_TIMED_OUT})
    @PostMapping("/success")
    ResponseEntity<Void> success(@Valid @RequestBody SuccessRequest request, Namespace namespace) {
        JsonBodies.checkSize(request.output(), properties.maxInputBytes().toBytes(), "/output", "output");
        JsonBodies.checkNesting(request.output(), "/output", "output");
        return answered(callbacks.answer(namespace, HmacTaskTokens.hash(request.taskToken()),
                new Callbacks.Success(JsonText.of(request.output()))));
    }

    @Operation(operationId = "sendTaskFailure", summary = "Fail a task with an error and cause",
            description = "The state's Retry and Catch match the error as for any task failure.",
            responses = @ApiResponse(responseCode = "204", description = "Accepted; Retry or Catch decide what follows."))
    @ProblemResponses({ProblemType.TASK_NOT_FOUND, ProblemType.TASK_ALREADY_ANSWERED, ProblemType.TASK_TIMED_OUT})
    @PostMapping("/failure")
    ResponseEntity<Void> failure(@Valid @RequestBody FailureRequest request, Namespace namespace) {
        return answered(callbacks.answer(namespace, HmacTaskTokens.hash(request.taskToken()),
                new Callbacks.Failure(request.error(), request.cause())));
    }

    @Operation(operationId = "sendTaskHeartbeat", summary = "Say a task is still being worked on",
            description = "Moves the task's HeartbeatSeconds deadline; without HeartbeatSeconds it only checks the"
                    + " token is still open.",
            responses = @ApiResponse(responseCode = "204", description = "Accepted."))
    @ProblemResponses({ProblemType.TASK_NOT_FOUND, ProblemType.TASK_ALREADY_ANSWERED, ProblemType.TASK_TIMED_OUT})
    @PostMapping("/heartbeat")
    ResponseEntity<Void> heartbeat(@Valid @RequestBody HeartbeatRequest request, Namespace namespace) {
        return answered(callbacks.heartbeat(namespace, HmacTaskTokens.hash(request.taskToken())));
    }

    private static ResponseEntity<Void> answered(Callbacks.Reply reply) {
        if (reply != Callbacks.Reply.ACCEPTED) {
            throw new TaskAnswerRefusedException(reply);
        }
        return ResponseEntity.noContent().build();
    }
}
