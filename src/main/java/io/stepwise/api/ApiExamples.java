package io.stepwise.api;

/**
 * Example bodies for the OpenAPI document, one story told through every endpoint: a state machine
 * "greeter" says hello to {@code $.who}. {@code OpenApiTest} sends the request examples to a running
 * Stepwise, so each one is a request that works.
 */
final class ApiExamples {

    static final String DEFINITION = """
            {"Comment": "Says hello", "StartAt": "Greet", "States": {"Greet": {"Type": "Pass",
             "Parameters": {"greeting.$": "States.Format('Hello, {}', $.who)"}, "End": true}}}""";

    static final String PUT_STATE_MACHINE = "{\"definition\": " + DEFINITION + ", \"description\": \"Says hello\"}";

    static final String STATE_MACHINE_VERSION = """
            {"name": "greeter", "version": 1, "createdAt": "2026-01-15T10:30:00Z"}""";

    static final String STATE_MACHINE = "{\"name\": \"greeter\", \"version\": 1, \"description\": \"Says hello\","
            + " \"definition\": " + DEFINITION + ", \"definitionText\": \"{\\\"Comment\\\":\\\"Says hello\\\",\\\"StartAt\\\":\\\"Greet\\\","
            + "\\\"States\\\":{\\\"Greet\\\":{\\\"Type\\\":\\\"Pass\\\",\\\"Parameters\\\":{\\\"greeting.$\\\":"
            + "\\\"States.Format('Hello, {}', $.who)\\\"},\\\"End\\\":true}}}\","
            + " \"createdAt\": \"2026-01-15T10:30:00Z\"}";

    static final String VALIDATE = "{\"definition\": " + DEFINITION + ", \"type\": \"STANDARD\"}";

    static final String VALIDATE_RESULT = """
            {"result": "OK", "diagnostics": []}""";

    static final String START_EXECUTION = """
            {"stateMachine": "greeter", "name": "greet-world", "input": {"who": "world"}, "queue": "greetings",
             "priority": 10}""";

    static final String START_EXECUTION_SYNC = """
            {"stateMachine": "greeter", "name": "greet-sync", "input": {"who": "world"}, "timeoutSeconds": 10}""";

    static final String STARTED = """
            {"executionId": "0190a3a0-0000-7000-8000-000000000000", "name": "greet-world", "stateMachine": "greeter",
             "version": 1, "status": "RUNNING", "startDate": "2026-01-15T10:30:00Z", "queue": "greetings", "priority": 10}""";

    static final String BATCH_START = """
            {"executions": [{"stateMachine": "greeter", "input": {"who": "Ada"}},
                            {"stateMachine": "farewell", "input": {"who": "Grace"}}]}""";

    static final String BATCH_STARTED = """
            {"items": [{"status": 201, "execution": {"executionId": "0190a3a0-0000-7000-8000-000000000001",
               "name": "0190a3a0-0000-7000-8000-000000000001", "stateMachine": "greeter", "version": 1,
               "status": "RUNNING", "startDate": "2026-01-15T10:30:00Z", "queue": "default", "priority": 0}},
             {"status": 404, "problem": {"type": "urn:stepwise:problem:not-found", "title": "Not found", "status": 404,
               "detail": "No state machine 'farewell' exists.", "pointer": "/executions/1/stateMachine"}}]}""";

    static final String SUBMIT_JOB = """
            {"type": "stepwise:echo", "payload": {"invoice": 42}, "queue": "default", "priority": 0,
             "delaySeconds": 0, "uniqueKey": "invoice-42", "maxAttempts": 5,
             "backoff": {"initialSeconds": 2, "rate": 2.0, "maxSeconds": 300, "jitter": "FULL"},
             "timeoutSeconds": 60}""";

    static final String JOB = """
            {"id": "0190a3a0-0000-7000-8000-000000000000", "type": "stepwise:echo", "queue": "default",
             "priority": 0, "status": "SUCCEEDED", "attempt": 1, "payload": {"invoice": 42},
             "result": {"invoice": 42}, "createdAt": "2026-01-15T10:30:00Z", "runAt": "2026-01-15T10:30:00Z",
             "finishedAt": "2026-01-15T10:30:00.012Z", "uniqueKey": "invoice-42"}""";

    static final String SUBMIT_JOBS = """
            {"jobs": [{"type": "stepwise:echo", "payload": {"invoice": 42}},
                      {"type": "stepwise:echo", "payload": {"invoice": 43}, "delaySeconds": 3600}]}""";

    static final String JOBS_SUBMITTED = """
            {"items": [{"status": 201, "job": {"id": "0190a3a0-0000-7000-8000-000000000001", "type": "stepwise:echo",
               "queue": "default", "priority": 0, "status": "AVAILABLE", "attempt": 0, "payload": {"invoice": 42},
               "createdAt": "2026-01-15T10:30:00Z", "runAt": "2026-01-15T10:30:00Z"}},
             {"status": 201, "job": {"id": "0190a3a0-0000-7000-8000-000000000002", "type": "stepwise:echo",
               "queue": "default", "priority": 0, "status": "SCHEDULED", "attempt": 0, "payload": {"invoice": 43},
               "createdAt": "2026-01-15T10:30:00Z", "runAt": "2026-01-15T11:30:00Z"}}]}""";

    static final String JOB_PAGE = """
            {"items": [{"id": "0190a3a0-0000-7000-8000-000000000000", "type": "stepwise:echo", "queue": "default",
              "priority": 0, "status": "SUCCEEDED", "attempt": 1, "payload": {"invoice": 42},
              "result": {"invoice": 42}, "createdAt": "2026-01-15T10:30:00Z", "runAt": "2026-01-15T10:30:00Z",
              "finishedAt": "2026-01-15T10:30:00.012Z"}], "nextCursor": "amIKMDE5MGEzYTA"}""";

    static final String EXECUTION = """
            {"executionId": "0190a3a0-0000-7000-8000-000000000000", "name": "greet-world", "stateMachine": "greeter",
             "version": 1, "status": "SUCCEEDED", "input": {"who": "world"}, "output": {"greeting": "Hello, world"},
             "startDate": "2026-01-15T10:30:00Z", "stopDate": "2026-01-15T10:30:00.012Z", "redriveCount": 0,
             "queue": "default", "priority": 0}""";

    static final String STOP_EXECUTION = """
            {"error": "Withdrawn", "cause": "The customer withdrew the order."}""";

    static final String TEST_STATE = """
            {"definition": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('Hello, {}', $.who)"},
             "End": true}, "input": {"who": "world"}}""";

    static final String TEST_STATE_RESULT = """
            {"status": "SUCCEEDED", "output": {"greeting": "Hello, world"}}""";

    static final String STATE_MACHINE_PAGE = """
            {"items": [{"name": "greeter", "latestVersion": 1, "description": "Says hello",
              "updatedAt": "2026-01-15T10:30:00Z"}], "nextCursor": null}""";

    static final String EXECUTION_PAGE = """
            {"items": [{"executionId": "0190a3a0-0000-7000-8000-000000000000", "name": "greet-world",
              "stateMachine": "greeter", "version": 1, "status": "SUCCEEDED", "startDate": "2026-01-15T10:30:00Z",
              "stopDate": "2026-01-15T10:30:00.012Z", "redriveCount": 0}], "nextCursor": "MDE5MGEzYTA"}""";

    static final String HISTORY = """
            {"events": [
              {"id": 1, "previousEventId": 0, "timestamp": "2026-01-15T10:30:00Z", "type": "ExecutionStarted",
               "details": {"input": {"who": "world"}}},
              {"id": 2, "previousEventId": 1, "timestamp": "2026-01-15T10:30:00.004Z", "type": "PassStateEntered",
               "details": {"name": "Greet", "input": {"who": "world"}}},
              {"id": 3, "previousEventId": 2, "timestamp": "2026-01-15T10:30:00.005Z", "type": "PassStateExited",
               "details": {"name": "Greet", "output": {"greeting": "Hello, world"}}},
              {"id": 4, "previousEventId": 3, "timestamp": "2026-01-15T10:30:00.012Z", "type": "ExecutionSucceeded",
               "details": {"output": {"greeting": "Hello, world"}}}],
             "nextCursor": null}""";

    static final String FAILURE = """
            {"executionId": "0190a3a0-0000-7000-8000-000000000000", "status": "FAILED", "error": "Payment.Declined",
             "cause": "Card expired", "failedState": {"name": "Charge", "type": "Task", "path": ["Charge"],
               "input": {"orderId": 42}, "error": "Payment.Declined", "cause": "Card expired", "attempts": 3,
               "retries": [
                 {"attempt": 1, "eventId": 4, "timestamp": "2026-01-15T10:30:01Z", "error": "Payment.Declined",
                  "cause": "Card expired"},
                 {"attempt": 2, "eventId": 7, "timestamp": "2026-01-15T10:30:03Z", "error": "Payment.Declined",
                  "cause": "Card expired"}],
               "enteredEventId": 2, "failedEventId": 10}}""";

    private ApiExamples() {
    }

    static final String ACTIVITY = """
            {"name": "resize", "resource": "stepwise:activity:resize", "createdAt": "2026-01-15T10:30:00Z",
             "waitingTasks": 3}""";

    static final String ACTIVITY_LIST = "{\"items\": [" + ACTIVITY + "]}";

    static final String POLL = """
            {"workerName": "resizer-7"}""";

    static final String POLLED_TASK = """
            {"taskToken": "c3RlcHdpc2UtZXhhbXBsZS10b2tlbi0xMjM0", "input": {"image": "s3://photos/1.jpg", "width": 640}}""";

    static final String TASK_SUCCESS = """
            {"taskToken": "c3RlcHdpc2UtZXhhbXBsZS10b2tlbi0xMjM0", "output": {"image": "s3://photos/1-640.jpg"}}""";

    static final String TASK_FAILURE = """
            {"taskToken": "c3RlcHdpc2UtZXhhbXBsZS10b2tlbi0xMjM0", "error": "Image.Unreadable",
             "cause": "not a JPEG file"}""";

    static final String TASK_HEARTBEAT = """
            {"taskToken": "c3RlcHdpc2UtZXhhbXBsZS10b2tlbi0xMjM0"}""";

    static final String PUT_SCHEDULE = """
            {"cron": "30 2 * * *", "timezone": "Europe/Berlin", "target": {"stateMachine": "nightly-report"},
             "input": {"report": "sales"}, "overlap": "SKIP", "catchUp": "LATEST"}""";

    static final String SCHEDULE = """
            {"name": "nightly", "cron": "30 2 * * *", "timezone": "Europe/Berlin",
             "target": {"stateMachine": "nightly-report", "version": null, "job": null}, "input": {"report": "sales"},
             "overlap": "SKIP", "catchUp": "LATEST", "paused": false, "startAt": null, "endAt": null,
             "nextFireAt": "2026-01-16T01:30:00Z", "lastFireAt": "2026-01-15T01:30:00Z",
             "lastExecutionId": "0190a3a0-0000-7000-8000-000000000000", "lastError": null,
             "createdAt": "2026-01-10T09:00:00Z", "updatedAt": "2026-01-10T09:00:00Z"}""";

    static final String SCHEDULE_PAGE = "{\"items\": [" + SCHEDULE + "], \"nextCursor\": null}";
    static final String CREATE_API_KEY = """
            {"name": "ci-deployer", "role": "operator", "namespaces": ["default"]}""";

    static final String API_KEY = """
            {"id": "0190a3a0-0000-7000-8000-0000000000aa", "name": "ci-deployer", "role": "operator",
             "prefix": "3f9c2a7b1e04", "createdAt": "2026-01-15T10:30:00Z", "createdBy": "bootstrap",
             "namespaces": ["default"]}""";

    static final String CREATED_API_KEY = """
            {"id": "0190a3a0-0000-7000-8000-0000000000aa", "name": "ci-deployer", "role": "operator",
             "prefix": "3f9c2a7b1e04", "createdAt": "2026-01-15T10:30:00Z", "createdBy": "bootstrap",
             "namespaces": ["default"], "key": "sw_3f9c2a7b1e04_q8Jx0d3mYQvN5b1rT7kLw2sZc9HfUe4gPaVo6iRyXnM"}""";

    static final String API_KEY_LIST = "{\"items\": [" + API_KEY + "]}";

    static final String AUDIT_PAGE = """
            {"items": [{"at": "2026-01-15T10:30:00Z", "actor": "key:3f9c2a7b1e04", "method": "POST",
              "path": "/v1/executions/{id}/stop", "status": 200, "remoteAddress": "10.0.0.7", "namespace": "default"}],
             "nextCursor": null}""";
    static final String PUT_QUEUE = """
            {"concurrency": 10, "rateLimit": {"limit": 100, "periodSeconds": 60}}""";

    static final String QUEUE = """
            {"name": "emails", "concurrency": 10, "rateLimit": {"limit": 100, "periodSeconds": 60}, "paused": false,
             "updatedAt": "2026-01-15T10:30:00Z",
             "counts": {"available": 42, "running": 10, "scheduled": 3, "retrying": 1, "failedLastHour": 0}}""";

    static final String QUEUE_LIST = """
            {"items": [{"name": "default", "concurrency": null, "rateLimit": null, "paused": false, "updatedAt": null,
              "counts": {"available": 0, "running": 2, "scheduled": 0, "retrying": 0, "failedLastHour": 1}},
             {"name": "emails", "concurrency": 10, "rateLimit": {"limit": 100, "periodSeconds": 60}, "paused": false,
              "updatedAt": "2026-01-15T10:30:00Z",
              "counts": {"available": 42, "running": 10, "scheduled": 3, "retrying": 1, "failedLastHour": 0}}]}""";
}
