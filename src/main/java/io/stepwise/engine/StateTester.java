package io.stepwise.engine;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.Json;
import io.stepwise.asl.StatesError;
import io.stepwise.asl.model.MapState;
import io.stepwise.asl.model.Recoverable;
import io.stepwise.asl.model.Retrier;
import io.stepwise.asl.model.State;
import io.stepwise.asl.model.TaskState;
import io.stepwise.engine.Inspection.Field;
import io.stepwise.engine.TestStateRejectedException.Reason;
import io.stepwise.engine.TestStateResult.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tests one state in isolation, as AWS's TestState API does: the state runs once on the given input,
 * with its Task (or its Map/Parallel children) replaced by a mock, and the answer says what the state
 * would do next — succeed towards {@code nextState}, fail, be caught, or be retried — plus, at DEBUG and
 * TRACE, the intermediate values of its data processing. Nothing waits: a Wait state reports where it
 * goes, a Retrier reports its backoff. Pure and thread-safe; time and randomness are injected.
 *
 * <pre>{@code
 * var result = new StateTester(Clock.systemUTC(), new Random(), "us-east-1", "123456789012")
 *         .test(TestStateRequest.of("{\"Type\": \"Pass\", \"End\": true}", "{\"a\": 1}"));
 * }</pre>
 */
public final class StateTester {

    private static final String THRESHOLD_CAUSE = "The specified tolerated failure threshold was exceeded";

    private final StateRules rules;
    private final Clock clock;
    private final RandomGenerator random;
    private final String region;
    private final String accountId;

    public StateTester(Clock clock, RandomGenerator random, String region, String accountId) {
        this.clock = clock;
        this.random = random;
        this.region = region;
        this.accountId = accountId;
        this.rules = new StateRules(StateData.of(clock, random));
    }

    /** @throws TestStateRejectedException when the definition or the request is invalid, or needs AWS */
    public TestStateResult test(TestStateRequest request) {
        State state = TestStateDefinitions.resolve(request.definition(), request.stateName());
        TestStateConfiguration configuration = request.configuration() == null ? TestStateConfiguration.NONE
                : request.configuration();
        TestStateRequests.checkMock(state, request.mock());
        TestStateRequests.checkConfiguration(state, configuration);
        JsonNode input = request.input() == null || request.input().isBlank() ? Json.NODES.objectNode()
                : TestStateRequests.json(request.input(), "input");
        Map<String, JsonNode> variables = TestStateRequests.variables(request.variables());
        int retryCount = configuration.retrierRetryCount() == null ? 0 : configuration.retrierRetryCount();
        ObjectNode context = request.context() != null
                ? TestStateRequests.object(request.context(), "context")
                : TestStateContext.of(state, input, request.roleArn(), retryCount, Instant.now(clock), region,
                        accountId, new UUID(random.nextLong(), random.nextLong()).toString());
        InspectionLevel level = request.level() == null ? InspectionLevel.INFO : request.level();
        Inspection inspection = level == InspectionLevel.INFO ? null : new Inspection();
        Inspection.record(inspection, Field.INPUT, input);
        var run = new Run(state, input, context, request.mock(), configuration, inspection,
                inspection == null ? rules : rules.inspecting(inspection));
        Verdict verdict = run.verdict(variables);
        if (inspection != null && !verdict.variables().isEmpty()) {
            Inspection.record(inspection, Field.VARIABLES, orderedObject(variables, verdict.variables()));
        }
        return new TestStateResult(verdict.status(), verdict.output(), verdict.error(), verdict.cause(),
                verdict.nextState(), inspection == null ? null : inspection.toJson());
    }

    /** What the state did, with the variables in scope after it. */
    private record Verdict(Status status, JsonNode output, String error, String cause, String nextState,
            Map<String, JsonNode> variables) {

        static Verdict succeeded(JsonNode output, String nextState, Map<String, JsonNode> variables) {
            return new Verdict(Status.SUCCEEDED, output, null, null, nextState, variables);
        }

        static Verdict failed(Status status, String error, String cause, Map<String, JsonNode> variables) {
            return new Verdict(status, null, error, cause, null, variables);
        }
    }

    /** One test call: the state, its rules (inspecting at DEBUG and TRACE) and the recorder. */
    private final class Run {
        private final State state;
        private final JsonNode input;
        private final ObjectNode context;
        private final TestStateMock mock;
        private final TestStateConfiguration configuration;
        private final Inspection inspection;
        private final StateRules rules;

        Run(State state, JsonNode input, ObjectNode context, TestStateMock mock, TestStateConfiguration configuration,
                Inspection inspection, StateRules rules) {
            this.state = state;
            this.input = input;
            this.context = context;
            this.mock = mock;
            this.configuration = configuration;
            this.inspection = inspection;
            this.rules = rules;
        }

        Verdict verdict(Map<String, JsonNode> variables) {
            try {
                JsonNode mapItems = state instanceof MapState map ? readerItems(map) : null;
                // the wait itself is skipped: TestState reports where the state goes, not when
                return switch (rules.enter(state, input, context, variables, Instant.now(clock), mapItems)) {
                    case StateRules.Moved moved -> Verdict.succeeded(moved.output(), moved.next(), moved.variables());
                    case StateRules.Waits waits -> Verdict.succeeded(waits.output(), waits.next(), waits.variables());
                    case StateRules.Fails fails -> Verdict.failed(Status.FAILED, fails.error(), fails.cause(),
                            variables);
                    case StateRules.RunsTask task -> mocked((Recoverable) state, variables);
                    case StateRules.RunsChildren children -> {
                        inspectMapSettings(children.children());
                        if (state instanceof MapState map && mock instanceof TestStateMock.Result
                                && exceedsTolerance(children.children())) {
                            yield recover(map, ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD, THRESHOLD_CAUSE,
                                    variables);
                        }
                        yield mocked((Recoverable) state, variables);
                    }
                };
            } catch (StatesError e) {
                // unlike an execution, TestState does not prefix the cause with the state and event id
                return state instanceof Recoverable recoverable
                        ? recover(recoverable, e.error(), e.cause(), variables)
                        : Verdict.failed(Status.FAILED, e.error(), e.cause(), variables);
            }
        }

        /** A Task's, Parallel's or Map's work is the mock: its result, or its error. */
        private Verdict mocked(Recoverable recoverable, Map<String, JsonNode> variables) {
            return switch (mock) {
                case TestStateMock.Result result -> {
                    JsonNode value = TestStateRequests.json(result.json(), "mock.result");
                    if (recoverable instanceof TaskState) {
                        Inspection.record(inspection, Field.RESULT, value);
                    }
                    StateRules.Moved moved = rules.afterWork(recoverable, input, value, context, variables);
                    yield Verdict.succeeded(moved.output(), moved.next(), moved.variables());
                }
                case TestStateMock.ErrorOutput error -> recover(recoverable, error.error(), error.cause(), variables);
            };
        }

        private JsonNode readerItems(MapState map) {
            if (map.itemReader() == null) {
                return null;
            }
            if (configuration.mapItemReaderData() == null) {
                throw new TestStateRejectedException(Reason.NEEDS_MOCK, "The Map state reads its items with an "
                        + "ItemReader, which cannot run here: give them as stateConfiguration.mapItemReaderData.");
            }
            return TestStateRequests.json(configuration.mapItemReaderData(), "stateConfiguration.mapItemReaderData");
        }

        private void inspectMapSettings(StateData.Children children) {
            if (!(state instanceof MapState)) {
                return;
            }
            Inspection.record(inspection, Field.MAX_CONCURRENCY, Json.NODES.numberNode(children.maxConcurrency()));
            Outcome.Tolerance tolerance = children.tolerance();
            if (tolerance.count() != null) {
                Inspection.record(inspection, Field.TOLERATED_FAILURE_COUNT, Json.NODES.numberNode(tolerance.count()));
            }
            if (tolerance.percentage() != null) {
                Inspection.record(inspection, Field.TOLERATED_FAILURE_PERCENTAGE,
                        Json.NODES.numberNode(tolerance.percentage()));
            }
        }

        /** Failed iterations only matter against a tolerance: a strict Map's mocked result stands. */
        private boolean exceedsTolerance(StateData.Children children) {
            Integer failed = configuration.mapIterationFailureCount();
            Outcome.Tolerance tolerance = children.tolerance();
            return failed != null && failed > 0 && tolerance.isSet()
                    && !tolerance.tolerates(failed, children.children().size());
        }

        /** Retry (reported, not performed), Catch, or fail, with the indexes AWS reports in errorDetails. */
        private Verdict recover(Recoverable recoverable, String error, String cause, Map<String, JsonNode> variables) {
            int retriesSoFar = configuration.retrierRetryCount() == null ? 0 : configuration.retrierRetryCount();
            // the configured count is that of whichever Retrier matches
            StateRules.Recovery recovery = StateRules.recover(recoverable, error,
                    RetryState.each(recoverable.retry().size(), retriesSoFar));
            ObjectNode details = Json.NODES.objectNode();
            if (recovery.retrier() >= 0) {
                details.put("retryIndex", recovery.retrier());
            }
            try {
                return switch (recovery) {
                    case StateRules.Retry retry -> {
                        details.put("retryBackoffIntervalSeconds", backoffSeconds(retry.rule(), retriesSoFar));
                        yield Verdict.failed(Status.RETRIABLE, error, cause, variables);
                    }
                    case StateRules.Catch caught -> {
                        details.put("catchIndex", caught.catcher());
                        StateRules.Moved moved = rules.caught(recoverable, caught.rule(), input, error, cause, context,
                                variables);
                        yield new Verdict(Status.CAUGHT_ERROR, moved.output(), error, cause, moved.next(),
                                moved.variables());
                    }
                    case StateRules.Fail failed -> Verdict.failed(Status.FAILED, error, cause, variables);
                };
            } finally {
                if (!details.isEmpty()) {
                    Inspection.record(inspection, Field.ERROR_DETAILS, details);
                }
            }
        }
    }

    /**
     * AWS reports the backoff in whole seconds and without jitter (a jittered delay is drawn when the
     * retry happens, which TestState never does).
     */
    private static long backoffSeconds(Retrier retrier, int retriesSoFar) {
        Retrier unjittered = new Retrier(retrier.errorEquals(), retrier.intervalSeconds(), retrier.maxAttempts(),
                retrier.backoffRate(), retrier.maxDelaySeconds(), Retrier.JitterStrategy.NONE);
        Duration delay = Retries.delay(unjittered, retriesSoFar, null);
        return Math.round(delay.toMillis() / 1000.0);
    }

    /** The variables as given first, in their order, then those the state assigned. */
    private static ObjectNode orderedObject(Map<String, JsonNode> given, Map<String, JsonNode> after) {
        Map<String, JsonNode> ordered = new LinkedHashMap<>();
        given.keySet().stream().filter(after::containsKey).forEach(k -> ordered.put(k, after.get(k)));
        after.forEach(ordered::putIfAbsent);
        ObjectNode json = Json.NODES.objectNode();
        ordered.forEach(json::set);
        return json;
    }
}
