package io.stepwise.api;

import io.stepwise.activity.ActivityPolls;
import io.stepwise.store.Activities;
import io.stepwise.store.NotFoundException;
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
class ActivityController {

    private final Activities activities;
    private final ActivityPolls polls;

    ActivityController(Activities activities, ActivityPolls polls) {
        this.activities = activities;
        this.polls = polls;
    }

    /** @param resource what a Task state's Resource names to send its work here */
    record ActivityResponse(String name, String resource, Instant createdAt, Long waitingTasks) {
        static ActivityResponse of(Activities.Activity a) {
            return new ActivityResponse(a.name(), "stepwise:activity:" + a.name(), a.createdAt(), a.waiting());
        }
    }

    record ActivityList(List<ActivityResponse> items) {
    }

    /** @param workerName shown in the execution's history, for finding which worker had a task */
    record PollRequest(@Size(max = 80) String workerName) {
    }

    /** @param taskToken answer with it on /v1/tasks/success, /failure, /heartbeat */
    record PollResponse(String taskToken, JsonNode input) {
    }

    @PutMapping("/{name}")
    ResponseEntity<ActivityResponse> put(@PathVariable @Pattern(regexp = StateMachineController.NAME,
            message = StateMachineController.NAME_MESSAGE) String name) {
        Activities.Created created = activities.create(name);
        ActivityResponse body = ActivityResponse.of(created.activity());
        return created.created() ? ResponseEntity.created(URI.create("/v1/activities/" + name)).body(body)
                : ResponseEntity.ok(body);
    }

    @GetMapping
    ActivityList list() {
        return new ActivityList(activities.list().stream().map(ActivityResponse::of).toList());
    }

    @GetMapping("/{name}")
    ActivityResponse get(@PathVariable String name) {
        return ActivityResponse.of(activities.find(name).orElseThrow(() -> new NotFoundException("activity", name)));
    }

    /** Tasks already scheduled stay with their executions until answered or timed out. */
    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name) {
        if (!activities.delete(name)) {
            throw new NotFoundException("activity", name);
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * Long poll: answers 200 with a task as soon as one is there, or 204 after {@code waitSeconds}
     * without one. Each task goes to one poller only.
     */
    @PostMapping("/{name}/poll")
    ResponseEntity<PollResponse> poll(@PathVariable String name,
            @RequestParam(defaultValue = "60") @Min(0) @Max(60) int waitSeconds,
            @RequestBody(required = false) PollRequest request) throws InterruptedException {
        activities.find(name).orElseThrow(() -> new NotFoundException("activity", name));
        String workerName = request == null ? null : request.workerName();
        return polls.poll(name, workerName, Duration.ofSeconds(waitSeconds))
                .map(task -> ResponseEntity.ok(new PollResponse(task.taskToken(), task.input())))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }
}
