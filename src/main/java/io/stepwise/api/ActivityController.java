package io.stepwise.api;

import io.stepwise.activity.ActivityPolls;
import io.stepwise.store.Activities;
import io.stepwise.store.Namespace;
import io.stepwise.store.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Activities: a Task whose Resource is {@code stepwise:activity:<name>} (or an AWS activity ARN ending
 * in {@code :activity:<name>}) waits until a worker polls its task here and answers on
 * {@code /v1/tasks/*}.
 */
@RestController
@RequestMapping("/v1/activities")
@Tag(name = "Activities")
class ActivityController {

    private final Activities activities;
    private final ActivityPolls polls;

    ActivityController(Activities activities, ActivityPolls polls) {
        this.activities = activities;
        this.polls = polls;
    }

    /** @param resource what a Task state's Resource names to send its work here */
    @Schema(example = ApiExamples.ACTIVITY)
    record ActivityResponse(String name, String resource, Instant createdAt, Long waitingTasks) {
        static ActivityResponse of(Activities.Activity a) {
            return new ActivityResponse(a.name(), "stepwise:activity:" + a.name(), a.createdAt(), a.waiting());
        }
    }

    @Schema(example = ApiExamples.ACTIVITY_LIST)
    record ActivityList(List<ActivityResponse> items) {
    }

    /** @param workerName shown in the execution's history, for finding which worker had a task */
    @Schema(example = ApiExamples.POLL)
    record PollRequest(@Size(max = 80) String workerName) {
    }

    /** @param taskToken answer with it on /v1/tasks/success, /failure, /heartbeat */
    @Schema(example = ApiExamples.POLLED_TASK)
    record PollResponse(String taskToken, JsonNode input) {
    }

    @Operation(operationId = "putActivity", summary = "Create an activity",
            description = "Creates the activity unless it exists. A Task state sends it work with Resource"
                    + " `stepwise:activity:<name>` or an AWS activity ARN ending in `:activity:<name>`.",
            responses = {
                    @ApiResponse(responseCode = "201", description = "Created; Location points at it."),
                    @ApiResponse(responseCode = "200", description = "It existed already, and is returned.")})
    @PutMapping("/{name}")
    ResponseEntity<ActivityResponse> put(@PathVariable @Pattern(regexp = StateMachineController.NAME,
            message = StateMachineController.NAME_MESSAGE) String name, Namespace namespace) {
        Activities.Created created = activities.create(namespace, name);
        ActivityResponse body = ActivityResponse.of(created.activity());
        return created.created() ? ResponseEntity.created(URI.create("/v1/activities/" + name)).body(body)
                : ResponseEntity.ok(body);
    }

    @Operation(operationId = "listActivities", summary = "List activities",
            responses = @ApiResponse(responseCode = "200", description = "Every activity, with its unpolled tasks."))
    @GetMapping
    ActivityList list(Namespace namespace) {
        return new ActivityList(activities.list(namespace).stream().map(ActivityResponse::of).toList());
    }

    @Operation(operationId = "getActivity", summary = "Get an activity",
            responses = @ApiResponse(responseCode = "200", description = "The activity."))
    @ProblemResponses(ProblemType.NOT_FOUND)
    @GetMapping("/{name}")
    ActivityResponse get(@PathVariable String name, Namespace namespace) {
        return ActivityResponse.of(activities.find(namespace, name)
                .orElseThrow(() -> new NotFoundException("activity", name)));
    }

    /** Tasks already scheduled stay with their executions until answered or timed out. */
    @Operation(operationId = "deleteActivity", summary = "Delete an activity",
            description = "Tasks already scheduled stay with their executions until answered or timed out.",
            responses = @ApiResponse(responseCode = "204", description = "Deleted."))
    @ProblemResponses(ProblemType.NOT_FOUND)
    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name, Namespace namespace) {
        if (!activities.delete(namespace, name)) {
            throw new NotFoundException("activity", name);
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * Long poll: answers 200 with a task as soon as one is there, or 204 after {@code waitSeconds}
     * without one. Each task goes to one poller only.
     */
    @Operation(operationId = "pollActivity", summary = "Take the next task of an activity (long poll)",
            description = "Answers as soon as a task is there, or after `waitSeconds` (0 to 60, default 60) without"
                    + " one. Each task goes to one poller only. Answer it on /v1/tasks/success, /failure or /heartbeat"
                    + " with its taskToken.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "A task: its token and input."),
                    @ApiResponse(responseCode = "204", description = "No task came within the wait; poll again.")})
    @ProblemResponses(ProblemType.NOT_FOUND)
    @PostMapping("/{name}/poll")
    ResponseEntity<PollResponse> poll(@PathVariable String name,
            @RequestParam(defaultValue = "60") @Min(0) @Max(60) int waitSeconds,
            @RequestBody(required = false) PollRequest request, Namespace namespace) throws InterruptedException {
        activities.find(namespace, name).orElseThrow(() -> new NotFoundException("activity", name));
        String workerName = request == null ? null : request.workerName();
        return polls.poll(namespace, name, workerName, Duration.ofSeconds(waitSeconds))
                .map(task -> ResponseEntity.ok(new PollResponse(task.taskToken(), task.input())))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }
}
