package io.stepwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stepwise.store.BadRequestException;
import io.stepwise.jobs.JobStatus;
import io.stepwise.jobs.Jobs;
import io.stepwise.store.JobFilter;
import io.stepwise.store.JobRecords;
import io.stepwise.store.JobShape;
import io.stepwise.store.NewJob;
import io.stepwise.store.NotFoundException;
import io.stepwise.store.Placement;
import io.stepwise.store.Namespace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@Tag(name = "Jobs")
@RestController
@RequestMapping("/v1/jobs")
class JobController {

    private final Jobs jobs;
    private final ApiProperties properties;
    private final Clock clock;

    JobController(Jobs jobs, ApiProperties properties, Clock clock) {
        this.jobs = jobs;
        this.properties = properties;
        this.clock = clock;
    }

    /** The retry backoff: seconds before the 2nd attempt, growth per attempt, cap, jitter (FULL or NONE). */
    record Backoff(
            @Min(1) @Max(99_999_999) Integer initialSeconds,
            @DecimalMin("1.0") @DecimalMax("1000") BigDecimal rate,
            @Min(1) @Max(31_622_400) Integer maxSeconds,
            @Pattern(regexp = "FULL|NONE", message = "must be FULL or NONE") String jitter) {
    }

    /**
     * One job. {@code type} is a Task resource (a task handler, {@code stepwise:activity:<name>}, an HTTP
     * task resource); {@code runAt} (an ISO-8601 instant) or {@code delaySeconds} put off its first attempt.
     */
    @Schema(example = ApiExamples.SUBMIT_JOB)
    record SubmitJobRequest(
            @NotBlank @Size(max = 256) @Pattern(regexp = "\\S+", message = "must not contain spaces") String type,
            JsonNode payload,
            @Pattern(regexp = Placement.QUEUE_PATTERN, message = ExecutionController.QUEUE_MESSAGE) String queue,
            @Min(Placement.MIN_PRIORITY) @Max(Placement.MAX_PRIORITY) Integer priority,
            String runAt,
            @Min(0) @Max(31_622_400) Integer delaySeconds,
            @Size(min = 1, max = 256) String uniqueKey,
            @Min(0) @Max(31_622_400) Integer uniqueFor,
            @Min(1) @Max(1000) Integer maxAttempts,
            @Valid Backoff backoff,
            @Min(1) @Max(99_999_999) Integer timeoutSeconds) {
    }

    /** Up to {@value Jobs#MAX_BATCH} jobs, each as {@code POST /v1/jobs} takes it. */
    @Schema(example = ApiExamples.SUBMIT_JOBS)
    record SubmitJobsRequest(@NotNull @Size(min = 1, max = Jobs.MAX_BATCH) List<@Valid @NotNull SubmitJobRequest> jobs) {
    }

    /** One job's answer, in request order: 201 (created) or 200 (its unique key's job), with the job. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SubmittedJob(int status, JobResponse job) {
    }

    @Schema(example = ApiExamples.JOBS_SUBMITTED)
    record SubmittedJobs(List<SubmittedJob> items) {
    }

    /** A page of the listing, newest first, and the cursor for the next one (null on the last). */
    @Schema(example = ApiExamples.JOB_PAGE)
    record JobPage(List<JobResponse> items, String nextCursor) {
    }

    @Operation(operationId = "submitJob", summary = "Submit a job",
            description = "Runs the Task resource `type` with `payload` as its input, attempted up to `maxAttempts`"
                    + " times with the `backoff` between attempts. A `uniqueKey` held by an unfinished job (or one"
                    + " within `uniqueFor` seconds of its runAt) answers 200 with that job instead.",
            responses = {
                    @ApiResponse(responseCode = "201", description = "Created; Location points at the job."),
                    @ApiResponse(responseCode = "200", description = "The job that holds the unique key.")})
    @PostMapping
    ResponseEntity<JobResponse> submit(@Valid @RequestBody SubmitJobRequest request, Namespace namespace) {
        var submission = jobs.submit(newJob(request, "", clock.instant(), namespace));
        JobResponse body = JobResponse.of(submission.job());
        return submission.created() ? ResponseEntity.created(location(body.id())).body(body) : ResponseEntity.ok(body);
    }

    /**
     * Submits up to {@value Jobs#MAX_BATCH} jobs in one transaction, answered in order. An invalid job is a
     * 400 pointing at {@code /jobs/<i>/<field>}, and nothing is created.
     */
    @Operation(operationId = "submitJobs", summary = "Submit up to 1,000 jobs at once",
            description = "One transaction: all jobs or none. Each is answered in request order with the status a"
                    + " single submission would get (201, or 200 for its unique key's job).",
            responses = @ApiResponse(responseCode = "200", description = "One item per job, in request order."))
    @PostMapping("/batch")
    SubmittedJobs submitBatch(@Valid @RequestBody SubmitJobsRequest request, Namespace namespace) {
        Instant now = clock.instant();
        List<NewJob> batch = new ArrayList<>();
        for (int i = 0; i < request.jobs().size(); i++) {
            batch.add(newJob(request.jobs().get(i), "/jobs/" + i, now, namespace));
        }
        List<JobRecords.Submitted> submissions;
        try {
            submissions = jobs.submitAll(batch);
        } catch (BadRequestException e) {
            throw new BadRequestException(e.getMessage(), "/jobs" + e.pointer());
        }
        return new SubmittedJobs(submissions.stream()
                .map(s -> new SubmittedJob(s.created() ? 201 : 200, JobResponse.of(s.job()))).toList());
    }

    @Operation(operationId = "getJob", summary = "Get a job",
            responses = @ApiResponse(responseCode = "200", description = "The job, with its status and result."))
    @ProblemResponses(ProblemType.NOT_FOUND)
    @GetMapping("/{id}")
    JobResponse get(@PathVariable UUID id, Namespace namespace) {
        return JobResponse.of(jobs.find(namespace, id)
                .orElseThrow(() -> new NotFoundException("job", id.toString())));
    }

    @Operation(operationId = "listJobs", summary = "List jobs, newest first",
            description = "Filters combine. Pass `nextCursor` back as `cursor` (with the same filters) for the next"
                    + " page.",
            responses = @ApiResponse(responseCode = "200", description = "A page of jobs."))
    @GetMapping
    JobPage list(
            @RequestParam(required = false) @Size(min = 1, max = 256) String type,
            @RequestParam(required = false) @Pattern(regexp = Placement.QUEUE_PATTERN, message = ExecutionController.QUEUE_MESSAGE) String queue,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) String cursor, Namespace namespace) {
        var page = jobs.page(namespace, new JobFilter(type, queue, status(status)), Cursors.jobsAfter(cursor), limit);
        return new JobPage(page.items().stream().map(JobResponse::of).toList(), Cursors.jobs(page.next()));
    }

    @Operation(operationId = "cancelJob", summary = "Cancel a job",
            description = "Stops the job's execution (ABORTED): no further attempt runs, and a running attempt's"
                    + " handler is cancelled.",
            responses = @ApiResponse(responseCode = "200", description = "The job, now CANCELLED."))
    @ProblemResponses({ProblemType.NOT_FOUND, ProblemType.JOB_FINISHED})
    @PostMapping("/{id}/cancel")
    JobResponse cancel(@PathVariable UUID id, Namespace namespace) {
        return JobResponse.of(jobs.cancel(namespace, id));
    }

    @Operation(operationId = "retryJob", summary = "Retry a failed or cancelled job",
            description = "Redrives the job's execution: the same job (same id, its history going on) is attempted"
                    + " again, its attempts counting on.",
            responses = @ApiResponse(responseCode = "200", description = "The job, RETRYING (or AVAILABLE, if it had"
                    + " never been attempted)."))
    @ProblemResponses({ProblemType.NOT_FOUND, ProblemType.JOB_NOT_RETRYABLE, ProblemType.REDRIVE_NOT_ALLOWED})
    @PostMapping("/{id}/retry")
    JobResponse retry(@PathVariable UUID id, Namespace namespace) {
        return JobResponse.of(jobs.retry(namespace, id));
    }

    private NewJob newJob(SubmitJobRequest r, String at, Instant now, Namespace namespace) {
        JsonNode payload = JsonBodies.input(r.payload(), properties.maxInputBytes().toBytes(), at + "/payload");
        if (r.runAt() != null && r.delaySeconds() != null) {
            throw new BadRequestException("Give runAt or delaySeconds, not both.", at + "/delaySeconds");
        }
        if (r.uniqueFor() != null && r.uniqueKey() == null) {
            throw new BadRequestException("uniqueFor needs a uniqueKey.", at + "/uniqueFor");
        }
        Instant runAt = r.delaySeconds() != null ? now.plusSeconds(r.delaySeconds()) : instant(r.runAt(), at + "/runAt");
        Backoff b = r.backoff() == null ? new Backoff(null, null, null, null) : r.backoff();
        var shape = new JobShape(r.type(), r.maxAttempts(), b.initialSeconds(), b.rate(), b.maxSeconds(), b.jitter(),
                r.timeoutSeconds());
        return new NewJob(shape, payload, r.queue(), r.priority(), runAt, r.uniqueKey(), r.uniqueFor(), null,
                namespace);
    }

    static URI location(UUID id) {
        return URI.create("/v1/jobs/" + id);
    }

    private static Instant instant(String text, String pointer) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequestException("'" + text + "' is not an ISO-8601 date-time with an offset, such as"
                    + " 2025-01-15T10:30:00Z.", pointer);
        }
    }

    private static String status(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JobStatus.valueOf(text).name();
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("status", "'" + text + "' is not a job status. Use one of "
                    + Arrays.stream(JobStatus.values()).map(Enum::name).collect(Collectors.joining(", ")) + ".");
        }
    }
}
