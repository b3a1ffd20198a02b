package io.stepwise.store;

import io.stepwise.engine.Checkpoint;
import io.stepwise.engine.FanIn;
import io.stepwise.engine.Outcome;
import io.stepwise.engine.StepStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Commits what workers decided for claimed steps: in one transaction for a whole batch, and exactly
 * once per step, guarded by its lease. A completion whose guard fails (the lease was lost to a
 * rescue, or the execution was stopped) changes nothing and is logged.
 */
@Service
public class StepCompletions {

    private static final Logger log = LoggerFactory.getLogger(StepCompletions.class);

    private final StepStore steps;
    private final ExecutionStore executions;
    private final HistoryStore history;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;
    private final Callbacks callbacks;

    StepCompletions(StepStore steps, ExecutionStore executions, HistoryStore history, Clock clock,
            ApplicationEventPublisher publisher, Callbacks callbacks) {
        this.callbacks = callbacks;
        this.steps = steps;
        this.executions = executions;
        this.history = history;
        this.clock = clock;
        this.publisher = publisher;
    }

    /**
     * Applies a batch in one transaction. The completions that dominate every workload (an execution
     * succeeding; a step rescheduled for a retry, a Wait or a yield) go through set-based statements,
     * three or four for the whole batch; the rest (fan-out, fan-in, failures) one by one.
     *
     * @return for each completion, whether it was applied (false: its lease was lost)
     */
    @Transactional
    public boolean[] apply(List<Completion> completions) {
        Instant now = clock.instant();
        boolean[] applied = new boolean[completions.size()];
        Set<UUID> running = executions.lockRunning(completions.stream().map(c -> c.step().executionId()).distinct()
                .toArray(UUID[]::new));
        List<Integer> finishes = new ArrayList<>();
        List<Integer> reschedules = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < completions.size(); i++) {
            Completion c = completions.get(i);
            if (!running.contains(c.step().executionId())) {
                continue; // stopped, timed out or finished meanwhile: nothing of it may move on
            }
            boolean plainStep = c.step().kind() != StepKind.FAN_IN;
            if (plainStep && c instanceof Completion.FinishExecution f && f.failure() == null) {
                finishes.add(i);
            } else if (plainStep && c instanceof Completion.Reschedule) {
                reschedules.add(i);
            } else {
                others.add(i);
            }
        }
        applyFinishes(completions, finishes, applied, now);
        applyReschedules(completions, reschedules, applied);
        for (int i : others) {
            applied[i] = applyOne(completions.get(i), now);
        }
        List<UUID> historyIds = new ArrayList<>();
        List<JsonText> historyEvents = new ArrayList<>();
        boolean madeWork = false;
        for (int i = 0; i < completions.size(); i++) {
            Completion completion = completions.get(i);
            if (!applied[i]) {
                log.warn("Refused the completion of step {} of execution {}: lease {} is no longer held",
                        completion.step().id(), completion.step().executionId(), completion.step().leaseToken());
                continue;
            }
            if (completion.events() != null) {
                historyIds.add(completion.step().executionId());
                historyEvents.add(completion.events());
            }
            madeWork |= !(completion instanceof Completion.FinishExecution);
        }
        history.appendMany(historyIds, historyEvents, now);
        if (madeWork) {
            publisher.publishEvent(new WorkAvailable());
        }
        return applied;
    }

    private void applyFinishes(List<Completion> completions, List<Integer> indexes, boolean[] applied, Instant now) {
        if (indexes.isEmpty()) {
            return;
        }
        Set<Long> deleted = steps.deleteLeasedMany(indexes.stream().map(i -> completions.get(i).step()).toList());
        List<ExecutionStore.Ending> endings = new ArrayList<>();
        for (int i : indexes) {
            var f = (Completion.FinishExecution) completions.get(i);
            applied[i] = deleted.contains(f.step().id());
            if (applied[i]) {
                endings.add(new ExecutionStore.Ending(f.step().executionId(), f.status(), f.output(), f.error(),
                        f.cause()));
            }
        }
        if (!endings.isEmpty()) {
            executions.finishMany(endings, now);
        }
    }

    private void applyReschedules(List<Completion> completions, List<Integer> indexes, boolean[] applied) {
        if (indexes.isEmpty()) {
            return;
        }
        Set<Long> updated = steps.rescheduleLeasedMany(indexes.stream()
                .map(i -> (Completion.Reschedule) completions.get(i)).toList());
        for (int i : indexes) {
            applied[i] = updated.contains(completions.get(i).step().id());
        }
    }

    private boolean applyOne(Completion completion, Instant now) {
        ClaimedStep step = completion.step();
        boolean guarded = switch (completion) {
            case Completion.FinishExecution f -> {
                if (f.failure() == null) {
                    if (!steps.deleteLeased(step)) {
                        yield false;
                    }
                    // a join that ends the execution leaves its children behind otherwise
                    steps.deleteChildren(step.id());
                } else if (!fail(step, f.failure(), f.error(), f.cause())) {
                    yield false;
                }
                executions.finish(step.executionId(), f.status(), f.output(), f.error(), f.cause(), now);
                yield true;
            }
            case Completion.Reschedule r -> steps.rescheduleLeased(step, r.kind(), r.stateName(), r.input(),
                    r.stateData(), r.runAt());
            case Completion.AwaitAnswer a -> {
                if (!steps.awaitAnswerLeased(step, a.stateName(), a.input(), a.stateData(), a.runAt())) {
                    yield false;
                }
                callbacks.await(a, now);
                yield true;
            }
            case Completion.StartChildren s -> startChildren(step, s, now);
            case Completion.EndChild e -> endChild(step, e, now);
        };
        boolean childrenConsumed = completion instanceof Completion.Reschedule
                || completion instanceof Completion.EndChild e && e.failure() == null;
        if (guarded && childrenConsumed && step.kind() == StepKind.FAN_IN) {
            steps.deleteChildren(step.id()); // the join consumed the children's results
        }
        return guarded;
    }

    private boolean startChildren(ClaimedStep step, Completion.StartChildren s, Instant now) {
        if (!steps.waitForChildren(step, s.stateName(), s.input(), s.stateData(), s.children().size())) {
            return false;
        }
        if (step.kind() == StepKind.FAN_IN) {
            steps.deleteChildren(step.id()); // a retried Parallel/Map starts from fresh children
        }
        for (Completion.NewChild child : s.children()) {
            StepStatus status = FanIn.startStatus(child.branchIndex(), s.maxConcurrency());
            steps.insert(step.executionId(), step.placement(), step.id(), child.branchIndex(), status, StepKind.ENTER, child.stateName(),
                    child.input(), child.stateData(), s.runAt(), now);
        }
        if (s.children().isEmpty()) {
            steps.wakeParent(step.id(), s.runAt()); // nothing to wait for: join at once
        }
        return true;
    }

    private boolean endChild(ClaimedStep step, Completion.EndChild e, Instant now) {
        boolean guarded = e.failure() != null ? fail(step, e.failure(), e.error(), e.cause())
                : steps.finishChildLeased(step, e.succeeded() ? StepStatus.SUCCEEDED : StepStatus.FAILED, e.output(),
                        e.error(), e.cause());
        if (!guarded) {
            return false;
        }
        long parentId = step.parentId();
        var count = steps.countChildFinished(parentId, !e.succeeded());
        if (count.isEmpty()) {
            return true; // the parent stopped waiting (a sibling's failure resumed it, or a stop)
        }
        Outcome.FanOut fanOut = (Outcome.FanOut) Checkpoint.fromJson(count.get().stateData(), "").pending();
        switch (FanIn.afterChild(fanOut, e.succeeded(), count.get().failed(), count.get().pending())) {
            case JOIN_CANCELLING_THE_REST -> {
                steps.cancelUnfinishedChildren(parentId);
                steps.wakeParent(parentId, now);
            }
            case JOIN -> steps.wakeParent(parentId, now);
            case START_NEXT -> steps.promoteBlockedChild(parentId, now);
        }
        return true;
    }

    /** Keeps a failed frame's step at its failure point, for a redrive. */
    private boolean fail(ClaimedStep step, Completion.FailurePoint at, String error, String cause) {
        StepKind kind = at.atOwnFanOut() ? StepKind.FAN_IN : StepKind.ENTER;
        if (!steps.failLeased(step, kind, at.stateName(), at.input(), at.stateData(), error, cause)) {
            return false;
        }
        if (!at.atOwnFanOut() && step.kind() == StepKind.FAN_IN) {
            steps.deleteChildren(step.id()); // the join happened; the failure came later
        }
        return true;
    }

    /** Results of a fan-out's children in branch order; null for children that never finished. */
    @Transactional(readOnly = true)
    public List<ChildOutcome> childOutcomes(long parentId, int children) {
        ChildOutcome[] outcomes = new ChildOutcome[children];
        for (StepStore.ChildResult r : steps.childResults(parentId)) {
            if (r.branchIndex() < children) {
                outcomes[r.branchIndex()] = switch (r.status()) {
                    case SUCCEEDED -> new ChildOutcome(true, r.output(), null, null);
                    case FAILED -> new ChildOutcome(false, null, r.error(), r.cause());
                    default -> null;
                };
            }
        }
        return Arrays.asList(outcomes);
    }

    /** One child's result as stored. */
    public record ChildOutcome(boolean succeeded, JsonNode output, String error, String cause) {
    }
}
