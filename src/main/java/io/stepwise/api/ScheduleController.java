package io.stepwise.api;

import io.stepwise.store.BadRequestException;
import io.stepwise.schedule.ScheduleSpec;
import io.stepwise.schedule.ScheduleView;
import io.stepwise.schedule.Schedules;
import io.stepwise.store.NotFoundException;
import io.stepwise.store.ScheduleCatchUp;
import io.stepwise.store.ScheduleOverlap;
import io.stepwise.store.Namespace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cron schedules: each fire starts an execution named {@code <schedule>-<yyyyMMdd'T'HHmmss'Z'>} (docs/schedules.md)
 * in the schedule's namespace, the request's.
 */
@Tag(name = "Schedules")
@RestController
@RequestMapping("/v1/schedules")
class ScheduleController {

    /** Short enough that the execution name, with its 17 characters of fire instant, stays within 80. */
    static final String NAME = "[A-Za-z0-9_-]{1,63}";
    static final String NAME_MESSAGE = "must be 1 to 63 letters, digits, '-' or '_'";

    /** What the schedule sets on each fire's job, so a job target may not. */
    private static final List<String> SET_BY_THE_SCHEDULE = List.of("runAt", "uniqueKey", "uniqueFor");

    private final Schedules schedules;
    private final ApiProperties properties;
    private final JsonMapper mapper;
    private final Validator validator;

    ScheduleController(Schedules schedules, ApiProperties properties, JsonMapper mapper, Validator validator) {
        this.schedules = schedules;
        this.properties = properties;
        this.mapper = mapper;
        this.validator = validator;
    }

    /**
     * What a fire starts: an execution of {@code stateMachine} ({@code version} null: the latest at each
     * fire), or a job ({@code job}: the body of a job start); exactly one of the two.
     */
    record ScheduleTarget(@Size(min = 1, max = 80) String stateMachine, @Positive Integer version, JsonNode job) {
    }

    /**
     * @param cron 5 fields (minute hour day-of-month month day-of-week), 6 with seconds first, or a macro
     *        (@yearly @annually @monthly @weekly @daily @midnight @hourly)
     * @param timezone an IANA zone id; absent means UTC
     * @param input every execution's input; absent means {}
     * @param overlap ALLOW (default), SKIP or CANCEL_PREVIOUS: what a fire does while the previous one runs
     * @param catchUp NONE (default), LATEST or ALL: which fires missed during downtime are made up for
     * @param paused absent keeps a replaced schedule's state; a new one runs
     * @param startAt no fire before; endAt no fire after
     */
    @Schema(example = ApiExamples.PUT_SCHEDULE)
    record PutScheduleRequest(@NotBlank @Size(max = 256) String cron, @Size(max = 64) String timezone,
            @NotNull @Valid ScheduleTarget target, JsonNode input, ScheduleOverlap overlap, ScheduleCatchUp catchUp,
            Boolean paused, Instant startAt, Instant endAt) {
    }

    /** @param nextFireAt null while paused or when no fire is left; lastError why the last fire started nothing */
    @Schema(example = ApiExamples.SCHEDULE)
    record ScheduleResponse(String name, String cron, String timezone, ScheduleTarget target, JsonNode input,
            ScheduleOverlap overlap, ScheduleCatchUp catchUp, boolean paused, Instant startAt, Instant endAt,
            Instant nextFireAt, Instant lastFireAt, UUID lastExecutionId, String lastError, Instant createdAt,
            Instant updatedAt) {
        static ScheduleResponse of(ScheduleView s) {
            return new ScheduleResponse(s.name(), s.cron(), s.timezone(), new ScheduleTarget(s.stateMachine(), s.version(),
                    s.job()), s.input(), s.overlap(), s.catchUp(), s.paused(), s.startAt(), s.endAt(), s.nextFireAt(),
                    s.lastFireAt(), s.lastExecutionId(), s.lastError(), s.createdAt(), s.updatedAt());
        }
    }

    @Schema(example = ApiExamples.SCHEDULE_PAGE)
    record SchedulePage(List<ScheduleResponse> items, String nextCursor) {
    }

    @Operation(operationId = "putSchedule", summary = "Create or replace a cron schedule",
            description = "The next fire is computed from now in the schedule's time zone. A replaced schedule keeps"
                    + " its record of past fires and makes up for none. A bad cron or time zone is a 400 pointing at"
                    + " /cron or /timezone.",
            responses = {
                    @ApiResponse(responseCode = "201", description = "Created; Location points at it."),
                    @ApiResponse(responseCode = "200", description = "Replaced.")})
    @PutMapping("/{name}")
    ResponseEntity<ScheduleResponse> put(@PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String name,
            @Valid @RequestBody PutScheduleRequest request, Namespace namespace) {
        ScheduleTarget target = request.target();
        JsonNode input = request.input() == null ? null
                : JsonBodies.input(request.input(), properties.maxInputBytes().toBytes(), "/input");
        JsonNode job = target.job() == null || target.job().isNull() ? null : checkedJob(target.job());
        var put = schedules.put(namespace, new ScheduleSpec(name, request.cron(), request.timezone(),
                target.stateMachine(), target.version(), job, input, request.overlap(), request.catchUp(),
                request.paused(), request.startAt(), request.endAt()));
        ScheduleResponse body = ScheduleResponse.of(put.schedule());
        return put.created() ? ResponseEntity.created(URI.create("/v1/schedules/" + name)).body(body)
                : ResponseEntity.ok(body);
    }

    /**
     * A job target is the body of {@code POST /v1/jobs}, checked here by the same request record and
     * rules ({@link JobController.SubmitJobRequest}), its payload stored as a job start reads it.
     */
    private JsonNode checkedJob(JsonNode job) {
        if (!job.isObject()) {
            throw new BadRequestException("target.job must be a JSON object: the body of POST /v1/jobs", "/target/job");
        }
        for (String field : SET_BY_THE_SCHEDULE) {
            if (job.has(field)) {
                throw new BadRequestException("target.job." + field + " is set by the schedule at each fire (runAt: the"
                        + " fire plus delaySeconds; the unique key: the fire's name)", "/target/job/" + field);
            }
        }
        JobController.SubmitJobRequest request;
        try {
            request = mapper.treeToValue(job, JobController.SubmitJobRequest.class);
        } catch (JacksonException e) {
            throw new BadRequestException("target.job is not a job: " + e.getOriginalMessage(), "/target/job");
        }
        var violation = validator.validate(request).stream()
                .min(java.util.Comparator.comparing(v -> v.getPropertyPath().toString())).orElse(null);
        if (violation != null) {
            String path = violation.getPropertyPath().toString().replace('.', '/');
            throw new BadRequestException("target.job." + violation.getPropertyPath() + " " + violation.getMessage(),
                    "/target/job/" + path);
        }
        ObjectNode checked = (ObjectNode) job.deepCopy();
        checked.set("payload", JsonBodies.input(request.payload(), properties.maxInputBytes().toBytes(),
                "/target/job/payload"));
        JsonBodies.checkNesting(checked, "/target/job", "job");
        return checked;
    }

    @Operation(operationId = "getSchedule", summary = "Get a schedule",
            responses = @ApiResponse(responseCode = "200", description = "The schedule, with its next and last fire."))
    @ProblemResponses(ProblemType.NOT_FOUND)
    @GetMapping("/{name}")
    ScheduleResponse get(@PathVariable String name, Namespace namespace) {
        return ScheduleResponse.of(schedules.find(namespace, name)
                .orElseThrow(() -> new NotFoundException("schedule", name)));
    }

    @Operation(operationId = "listSchedules", summary = "List schedules",
            description = "By name, with each schedule's next and last fire. Pass `nextCursor` back as `cursor` for the"
                    + " next page.",
            responses = @ApiResponse(responseCode = "200", description = "A page of schedules."))
    @GetMapping
    SchedulePage list(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) String cursor, Namespace namespace) {
        List<ScheduleView> rows = schedules.page(namespace, Cursors.schedulesAfter(cursor), limit + 1);
        List<ScheduleResponse> items = rows.stream().limit(limit).map(ScheduleResponse::of).toList();
        return new SchedulePage(items, rows.size() <= limit ? null : Cursors.schedules(items.getLast().name()));
    }

    @Operation(operationId = "deleteSchedule", summary = "Delete a schedule",
            description = "No further fires. Executions it started run on and stay readable.",
            responses = @ApiResponse(responseCode = "204", description = "Deleted."))
    @ProblemResponses(ProblemType.NOT_FOUND)
    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name, Namespace namespace) {
        if (!schedules.delete(namespace, name)) {
            throw new NotFoundException("schedule", name);
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "pauseSchedule", summary = "Pause a schedule",
            description = "No fires until resumed; pausing a paused schedule changes nothing. The same as a PUT with"
                    + " \"paused\": true.",
            responses = @ApiResponse(responseCode = "200", description = "The paused schedule."))
    @ProblemResponses(ProblemType.NOT_FOUND)
    @PostMapping("/{name}/pause")
    ScheduleResponse pause(@PathVariable String name, Namespace namespace) {
        return ScheduleResponse.of(schedules.pause(namespace, name));
    }

    @Operation(operationId = "resumeSchedule", summary = "Resume a paused schedule",
            description = "Fires again from the next fire after now: fires that came due while paused are not made"
                    + " up for, whatever catchUp says.",
            responses = @ApiResponse(responseCode = "200", description = "The running schedule, with its next fire."))
    @ProblemResponses(ProblemType.NOT_FOUND)
    @PostMapping("/{name}/resume")
    ScheduleResponse resume(@PathVariable String name, Namespace namespace) {
        return ScheduleResponse.of(schedules.resume(namespace, name));
    }
}
