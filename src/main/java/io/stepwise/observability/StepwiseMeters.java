package io.stepwise.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stepwise.asl.ErrorNames;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.TaskResult;
import io.stepwise.store.ClaimedStep;
import io.stepwise.store.Completion;
import io.stepwise.store.StepKind;
import io.stepwise.store.WorkObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stepwise's job meters (docs/metrics.md lists them all). Meters are looked up in maps keyed by their
 * tag values rather than built through the registry on every event: a registry lookup builds and
 * sorts tags, a map hit is one hash. Histograms have fixed SLO buckets (a binary search and an
 * increment per record), no percentiles computed on the replica.
 */
@Component
@ConditionalOnProperty(name = "stepwise.metrics.enabled", havingValue = "true", matchIfMissing = true)
class StepwiseMeters implements WorkObserver {

    static final String STATE_MACHINE = "state_machine";
    private static final String ENTERED = "StateEntered";

    /** The buckets of waiting and running times: from a hot claim to a slow handler. */
    static final Duration[] LATENCY_BUCKETS = durations(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000,
            30_000, 60_000);
    /** The buckets of whole executions: from a few in-line states to an hour of waiting. */
    static final Duration[] EXECUTION_BUCKETS = durations(10, 50, 100, 500, 1_000, 5_000, 10_000, 30_000, 60_000,
            300_000, 900_000, 3_600_000);

    private final MeterRegistry registry;
    private final MetricsProperties properties;
    private final BoundedTagValues machines;
    private final BoundedTagValues resources;
    private final BoundedTagValues errors;

    private final Map<String, Counter> started = new ConcurrentHashMap<>();
    private final Map<MachineStatus, Counter> finished = new ConcurrentHashMap<>();
    private final Map<MachineStatus, Timer> executionDuration = new ConcurrentHashMap<>();
    private final Map<MachineType, Counter> transitions = new ConcurrentHashMap<>();
    private final Map<TaskRun, Counter> taskRuns = new ConcurrentHashMap<>();
    private final Map<ResourceOutcome, Timer> taskDuration = new ConcurrentHashMap<>();
    private final Map<TaskFailure, Counter> taskFailures = new ConcurrentHashMap<>();
    private final Map<MachineError, Counter> retries = new ConcurrentHashMap<>();
    private final Map<StepKind, Timer> pickup = new ConcurrentHashMap<>();
    private final Map<StepKind, Counter> lateTimers = new ConcurrentHashMap<>();
    private final DistributionSummary claimBatch;
    private final Timer claimDuration;
    private final DistributionSummary completionBatch;
    private final Timer completionDuration;
    private final Counter leasesRescued;
    private final Counter timedOut;

    private record MachineStatus(String machine, String status) {
    }

    private record MachineType(String machine, String type) {
    }

    private record TaskRun(String machine, String resource, String outcome) {
    }

    private record ResourceOutcome(String resource, String outcome) {
    }

    private record TaskFailure(String machine, String resource, String error) {
    }

    private record MachineError(String machine, String error) {
    }

    private final PollerStatus poller;

    StepwiseMeters(MeterRegistry registry, MetricsProperties properties, PollerStatus poller) {
        this.registry = registry;
        this.poller = poller;
        this.properties = properties;
        this.machines = new BoundedTagValues(properties.maxStateMachines(), 200);
        this.resources = new BoundedTagValues(properties.maxResources(), 200);
        this.errors = new BoundedTagValues(properties.maxErrorNames(), properties.errorNameLength());
        this.claimBatch = DistributionSummary.builder("stepwise.claim.batch.size")
                .description("Steps one claim query returned").register(registry);
        this.claimDuration = Timer.builder("stepwise.claim.duration")
                .description("Time one claim query took, commit included").register(registry);
        this.completionBatch = DistributionSummary.builder("stepwise.completion.batch.size")
                .description("Completions one transaction took, late ones it refused included").register(registry);
        // a slow commit holds up every completion queued behind it: the first place to look when timers are late
        this.completionDuration = Timer.builder("stepwise.completion.duration")
                .description("Time one completion batch took, commit included").register(registry);
        this.leasesRescued = Counter.builder("stepwise.leases.rescued")
                .description("Steps made claimable again after their lease expired").register(registry);
        this.timedOut = Counter.builder("stepwise.executions.timed.out")
                .description("Executions ended by their TimeoutSeconds").register(registry);
        // registered up front: a dashboard shows 0 rather than "no data" before the first timer or claim
        for (StepKind kind : StepKind.values()) {
            pickupTimer(kind);
        }
        lateTimer(StepKind.WAIT);
        lateTimer(StepKind.TASK);
    }

    private Timer pickupTimer(StepKind kind) {
        return pickup.computeIfAbsent(kind, k -> Timer.builder("stepwise.step.pickup.latency")
                .description("From a step falling due to a worker claiming it (or starting it, if claimed ahead)")
                .tag("kind", tag(k))
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry));
    }

    private Counter lateTimer(StepKind kind) {
        return lateTimers.computeIfAbsent(kind, k -> Counter.builder("stepwise.timers.late")
                .description("Waits and retry backoffs picked up later than stepwise.metrics.timer-late-after")
                .tag("kind", k == StepKind.WAIT ? "wait" : "retry").register(registry));
    }

    @Override
    public void executionStarted(String stateMachine) {
        started.computeIfAbsent(machines.of(stateMachine), m -> Counter.builder("stepwise.executions.started")
                .description("Executions created").tag(STATE_MACHINE, m).register(registry)).increment();
    }

    @Override
    public void completionsCommitted(int size, long nanos) {
        completionDuration.record(nanos, TimeUnit.NANOSECONDS);
        completionBatch.record(size);
    }

    @Override
    public void stepsClaimed(int limit, List<ClaimedStep> batch, long nanos, Instant now) {
        claimDuration.record(nanos, TimeUnit.NANOSECONDS);
        claimBatch.record(batch.size());
        for (ClaimedStep step : batch) {
            if (step.runAt() != null && !step.claimedAhead(now)) {
                pickedUp(step, now);
            } // else claimed ahead by the timer lookahead: measured when it starts (stepDue)
        }
    }

    @Override
    public void stepDue(ClaimedStep step, Instant now) {
        pickedUp(step, now);
    }

    private void pickedUp(ClaimedStep step, Instant now) {
        long lateMillis = Math.max(0, now.toEpochMilli() - step.runAt().toEpochMilli());
        pickupTimer(step.kind()).record(lateMillis, TimeUnit.MILLISECONDS);
        if (isTimer(step) && lateMillis > properties.timerLateAfter().toMillis()) {
            lateTimer(step.kind()).increment();
        }
    }

    /** A Wait ending or a retry's backoff ending: the steps whose due time a user chose. */
    private static boolean isTimer(ClaimedStep step) {
        return step.kind() == StepKind.WAIT || step.kind() == StepKind.TASK;
    }

    @Override
    public void stepRan(ClaimedStep step, List<ObjectNode> events) {
        String machine = null;
        for (ObjectNode event : events) {
            JsonNode type = event.get("type");
            String name = type == null ? null : type.asString();
            if (name != null && name.endsWith(ENTERED)) {
                if (machine == null) {
                    machine = machines.of(step.execution().stateMachineName());
                }
                String stateType = name.substring(0, name.length() - ENTERED.length());
                transitions.computeIfAbsent(new MachineType(machine, stateType), k -> Counter
                        .builder("stepwise.state.transitions").description("States entered")
                        .tag(STATE_MACHINE, k.machine()).tag("state_type", k.type()).register(registry)).increment();
            }
        }
    }

    @Override
    public void taskRan(ClaimedStep step, String resource, TaskResult result, boolean retrying, long nanos) {
        String machine = machines.of(step.execution().stateMachineName());
        String res = resources.of(resource);
        String outcome = switch (result) {
            case TaskResult.Success s -> "succeeded";
            case TaskResult.Failure f -> ErrorNames.TIMEOUT.equals(f.error()) ? "timed_out" : "failed";
        };
        taskRuns.computeIfAbsent(new TaskRun(machine, res, outcome), k -> Counter.builder("stepwise.task.runs")
                .description("Task handler runs").tag(STATE_MACHINE, k.machine()).tag("resource", k.resource())
                .tag("outcome", k.outcome()).register(registry)).increment();
        taskDuration.computeIfAbsent(new ResourceOutcome(res, outcome), k -> Timer.builder("stepwise.task.duration")
                .description("Time a task handler ran").tag("resource", k.resource()).tag("outcome", k.outcome())
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
        if (result instanceof TaskResult.Failure failure) {
            String error = errors.of(failure.error());
            taskFailures.computeIfAbsent(new TaskFailure(machine, res, error), k -> Counter
                    .builder("stepwise.task.failures").description("Task handler runs that failed, by error")
                    .tag(STATE_MACHINE, k.machine()).tag("resource", k.resource()).tag("error", k.error())
                    .register(registry)).increment();
            if (retrying) {
                retries.computeIfAbsent(new MachineError(machine, error), k -> Counter.builder("stepwise.retries")
                        .description("Task failures that a Retrier will run again").tag(STATE_MACHINE, k.machine())
                        .tag("error", k.error()).register(registry)).increment();
            }
        }
    }

    @Override
    public void completed(Completion completion, Instant now) {
        if (!(completion instanceof Completion.FinishExecution finish)) {
            return;
        }
        var execution = finish.step().execution();
        var key = new MachineStatus(machines.of(execution.stateMachineName()), status(finish.status()));
        finished.computeIfAbsent(key, k -> Counter.builder("stepwise.executions.finished")
                .description("Executions ended by a worker").tag(STATE_MACHINE, k.machine()).tag("status", k.status())
                .register(registry)).increment();
        if (execution.startDate() != null) {
            executionDuration.computeIfAbsent(key, k -> Timer.builder("stepwise.execution.duration")
                    .description("From an execution's start to its end").tag(STATE_MACHINE, k.machine())
                    .tag("status", k.status()).serviceLevelObjectives(EXECUTION_BUCKETS).register(registry))
                    .record(Duration.between(execution.startDate(), now));
        }
    }

    @Override
    public void leasesRescued(int count) {
        leasesRescued.increment(count);
    }

    @Override
    public void executionsTimedOut(int count) {
        timedOut.increment(count);
    }

    @Override
    public void pollerStarted(int slots, IntSupplier busy, BooleanSupplier polling) {
        poller.started(polling);
        Gauge.builder("stepwise.worker.slots", () -> slots).description("Steps this replica may run at once")
                .strongReference(true).register(registry);
        Gauge.builder("stepwise.worker.slots.busy", busy::getAsInt).description("Steps this replica is running now")
                .strongReference(true).register(registry);
        Gauge.builder("stepwise.worker.poller.running", () -> polling.getAsBoolean() ? 1 : 0)
                .description("1 while this replica's poller claims work, 0 once it stopped or drains")
                .strongReference(true).register(registry);
    }

    private static String status(ExecutionStatus status) {
        return status.name();
    }

    private static String tag(StepKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static Duration[] durations(long... millis) {
        Duration[] out = new Duration[millis.length];
        for (int i = 0; i < millis.length; i++) {
            out[i] = Duration.ofMillis(millis[i]);
        }
        return out;
    }
}
