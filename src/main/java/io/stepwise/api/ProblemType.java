package io.stepwise.api;

/**
 * The problem {@code type}s the API documents, each with its status and an example detail. The OpenAPI
 * document is built from this list ({@link ApiDocumentation}), so a client learns every type it may switch
 * on; {@code OpenApiTest} checks that each problem an endpoint answers has its type listed for it.
 */
enum ProblemType {

    MALFORMED_REQUEST(400, "malformed-request", "Malformed request",
            "The request body is not valid JSON, not a JSON object, has an unknown field or a value of the wrong type;"
                    + " or the query string cannot be decoded (a broken %-escape, bytes that are not UTF-8).",
            "Unknown field /nmae. Allowed here: input, name, stateMachine, version.", "/nmae"),
    INVALID_REQUEST(400, "invalid-request", "Invalid request",
            "The body is JSON of the right shape, but a value breaks a rule (a required field missing, a length).",
            "/stateMachine must not be blank.", "/stateMachine"),
    INVALID_PARAMETER(400, "invalid-parameter", "Invalid parameter",
            "A path or query parameter is malformed or out of range; the problem's `parameter` names it.",
            "'abc' is not a valid id: expected a UUID (such as 0190a3a0-0000-7000-8000-000000000000).", null),
    INVALID_DEFINITION(400, "invalid-definition", "Invalid state machine definition",
            "The ASL definition breaks a rule; `diagnostics` lists every finding with its JSON pointer.",
            "State 'Start' is not defined: StartAt must name a state.", "/definition/StartAt"),
    MOCK_REQUIRED(400, "mock-required", "Mock required",
            "A Task, Map or Parallel state is tested without a `mock` of its work.",
            "A Task state needs a mock to be tested: give mock.result or mock.errorOutput.", "/mock"),
    NOT_FOUND(404, "not-found", "Not found",
            "The state machine, version, execution, activity or schedule named does not exist.",
            "No execution '0190a3a0-0000-7000-8000-000000000000' exists.", null),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable",
            "The Accept header allows neither application/json nor application/problem+json.",
            "Responses are JSON: accept application/json or application/problem+json.", null),
    EXECUTION_EXISTS(409, "execution-exists", "Execution already exists",
            "An execution of that name exists with another input (the same start repeated is answered 200).",
            "Execution 'order-42' of state machine 'orders' already exists with a different input. Choose another"
                    + " name, or start it with the same input.", "/name"),
    STATE_MACHINE_IN_USE(409, "state-machine-in-use", "State machine in use",
            "The state machine still has unfinished executions; stop them or wait for them to end.",
            "State machine 'orders' has 3 execution(s) running or awaiting a redrive. Stop them"
                    + " (POST /v1/executions/{id}/stop) or let them finish, then delete it.", null),
    EXECUTION_NOT_RUNNING(409, "execution-not-running", "Execution not running",
            "Only a running execution can be stopped.",
            "Execution 0190a3a0-0000-7000-8000-000000000000 has already ended as SUCCEEDED.", null),
    REDRIVE_NOT_ALLOWED(409, "redrive-not-allowed", "Redrive not allowed",
            "Only a FAILED, TIMED_OUT or ABORTED execution whose state machine version still exists can be redriven.",
            "Execution 0190a3a0-0000-7000-8000-000000000000 is RUNNING; only a FAILED, TIMED_OUT or ABORTED execution"
                    + " can be redriven.", null),
    EXECUTION_NOT_FAILED(409, "execution-not-failed", "Execution did not fail",
            "Only a FAILED, TIMED_OUT or ABORTED execution has a failure to show.",
            "Execution 0190a3a0-0000-7000-8000-000000000000 is SUCCEEDED; only a FAILED, TIMED_OUT or ABORTED"
                    + " execution has a failure to show.", null),
    JOB_FINISHED(409, "job-finished", "Job finished",
            "Only an unfinished job (SCHEDULED, AVAILABLE, RUNNING or RETRYING) can be cancelled.",
            "Job 0190a3a0-0000-7000-8000-000000000000 has already ended as SUCCEEDED; only an unfinished job can be"
                    + " cancelled.", null),
    JOB_NOT_RETRYABLE(409, "job-not-retryable", "Job not retryable",
            "Only a FAILED or CANCELLED job can be retried.",
            "Job 0190a3a0-0000-7000-8000-000000000000 is RUNNING; only a FAILED or CANCELLED job can be retried.",
            null),
    TASK_NOT_FOUND(404, "task-not-found", "Task not found",
            "No task has this token (a typo, or a token from another Stepwise database).",
            "No task has this token.", "/taskToken"),
    TASK_ALREADY_ANSWERED(409, "task-already-answered", "Task already answered",
            "The task of this token was answered before; an answer counts once and never changes a finished attempt.",
            "The task of this token was answered before; an answer counts once.", "/taskToken"),
    TASK_TIMED_OUT(410, "task-timed-out", "Task timed out",
            "The task is over: its TimeoutSeconds or HeartbeatSeconds ran out, or its execution was stopped, timed"
                    + " out or redriven, or a failed sibling branch cut it off.",
            "The task of this token is over: it timed out, or its execution stopped or moved on.", "/taskToken"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large",
            "The request body, a definition or an input exceeds its limit (stepwise.api.max-*).",
            "The input is 300000 bytes; the limit is 262144 bytes.", "/input"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type",
            "The body was not sent with 'Content-Type: application/json'.",
            "Send the request body as JSON with 'Content-Type: application/json', not text/plain.", null),
    INTERNAL(500, "internal", "Internal error",
            "A fault in Stepwise itself; the server log has the details.",
            "Stepwise could not complete the request. The server log has the details.", null),
    DATABASE_UNAVAILABLE(503, "database-unavailable", "Database unavailable",
            "The database cannot be reached right now. Nothing was changed: retry the same request after the"
                    + " `Retry-After` seconds.",
            "The database cannot be reached right now; retry the same request after 2 s. Nothing was changed by"
                    + " this request.", null);

    final int status;
    final String slug;
    final String title;
    final String when;
    final String exampleDetail;
    final String examplePointer;

    ProblemType(int status, String slug, String title, String when, String exampleDetail, String examplePointer) {
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.when = when;
        this.exampleDetail = exampleDetail;
        this.examplePointer = examplePointer;
    }

    /** The stable URI a client switches on, as {@link Problems} writes it. */
    String uri() {
        return Problems.TYPE_PREFIX + slug;
    }
}
