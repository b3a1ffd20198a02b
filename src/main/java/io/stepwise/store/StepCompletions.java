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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    private final IndexPlans indexPlans;

    StepCompletions(StepStore steps, ExecutionStore executions, HistoryStore history, Clock clock,
            ApplicationEventPublisher publisher, Callbacks callbacks, IndexPlans indexPlans) {
        this.indexPlans = indexPlans;
        this.callbacks = callbacks;
        this.steps = steps;
        this.executions = executions;
        this.history = history;
        this.clock = clock;
        this.publisher = publisher;
    }

    /**
     * Applies a batch in one transaction. The completions that dominate every workload (an execution
     * succeeding; a step rescheduled for a retry, a Wait or a yield; a Parallel branch or Map iteration
     * ending) go through set-based statements, a few for the whole batch; the rest (fan-out, fan-in,
     * failures) one by one.
     *
     * @return for each completion, whether it was applied (false: its lease was lost)
     */
    @Transactional
    public boolean[] apply(List<Completion> completions) {
        indexPlans.forThisTransaction();
        Instant now = clock.instant();
        boolean[] applied = new boolean[completions.size()];
        Set<UUID> running = executions.lockRunning(completions.stream().map(c -> c.step().executionId()).distinct()
                .toArray(UUID[]::new));
        List<Integer> finishes = new ArrayList<>();
        List<Integer> reschedules = new ArrayList<>();
        List<Integer> childEnds = new ArrayList<>();
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
            } else if (c instanceof Completion.EndChild) {
                childEnds.add(i);
            } else {
                others.add(i);
            }
        }
        applyFinishes(completions, finishes, applied, now);
        applyReschedules(completions, reschedules, applied);
        applyChildEnds(completions, childEnds, applied, now);
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
            case Completion.EndChild e -> throw new IllegalStateException("child ends are applied together");
        };
        if (guarded && completion instanceof Completion.Reschedule && step.kind() == StepKind.FAN_IN) {
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
        if (s.children().isEmpty()) {
            steps.wakeParents(List.of(step.id()), s.runAt()); // nothing to wait for: join at once
            return true;
        }
        List<StepStatus> statuses = new ArrayList<>(s.children().size());
        for (Completion.NewChild child : s.children()) {
            statuses.add(FanIn.startStatus(child.branchIndex(), s.maxConcurrency()));
        }
        steps.insertChildren(step, s.children(), statuses, s.runAt(), now);
        return true;
    }

    /**
     * Branches and iterations that ended, all of the batch together: each child's own row is written
     * (guarded by its lease), then each parent is counted once for all of its children in the batch,
     * and what that count asks for (join, promote as many BLOCKED siblings as ended, or cancel the rest
     * after a failure beyond the tolerance) is done per parent. One child at a time, every iteration of
     * a Map updated its parent's row and parsed the parent's checkpoint, which holds every item: a
     * 10,000-item Map spent most of its time there (docs/performance.md, fan-out). Applying a batch at
     * once is one of the orders in which its children could have ended one by one: the count after the
     * batch, and the tolerance (monotonic in the failures), decide as the last of them would have.
     */
    private void applyChildEnds(List<Completion> completions, List<Integer> indexes, boolean[] applied, Instant now) {
        if (indexes.isEmpty()) {
            return;
        }
        List<Completion.EndChild> kept = new ArrayList<>();
        for (int i : indexes) {
            var e = (Completion.EndChild) completions.get(i);
            if (e.failure() == null) {
                kept.add(e);
            }
        }
        Set<Long> finished = kept.isEmpty() ? Set.of() : steps.finishChildrenLeased(kept);
        Map<Long, int[]> perParent = new TreeMap<>(); // parent id -> {ended, failed}
        for (int i : indexes) {
            var e = (Completion.EndChild) completions.get(i);
            ClaimedStep step = e.step();
            applied[i] = e.failure() == null ? finished.contains(step.id()) : fail(step, e.failure(), e.error(), e.cause());
            if (!applied[i]) {
                continue;
            }
            if (e.failure() == null && step.kind() == StepKind.FAN_IN) {
                steps.deleteChildren(step.id()); // the child's own join consumed its children's results
            }
            int[] tally = perParent.computeIfAbsent(step.parentId(), p -> new int[2]);
            tally[0]++;
            tally[1] += e.succeeded() ? 0 : 1;
        }
        if (perParent.isEmpty()) {
            return;
        }
        List<StepStore.ChildrenEnded> ended = new ArrayList<>();
        perParent.forEach((parent, tally) -> ended.add(new StepStore.ChildrenEnded(parent, tally[0], tally[1])));
        List<Long> joining = new ArrayList<>();
        List<Long> promoting = new ArrayList<>();
        List<Integer> promotions = new ArrayList<>();
        for (StepStore.ParentCount count : steps.countChildrenFinished(ended)) {
            int[] tally = perParent.get(count.parentId());
            FanIn.AfterChild next = FanIn.afterChildren(tally[1], count.failed(), count.pending(),
                    () -> (Outcome.FanOut) Checkpoint.fromJson(count.stateData(), "").pending());
            switch (next) {
                case JOIN_CANCELLING_THE_REST -> {
                    steps.cancelUnfinishedChildren(count.parentId());
                    joining.add(count.parentId());
                }
                case JOIN -> joining.add(count.parentId());
                case START_NEXT -> {
                    promoting.add(count.parentId());
                    promotions.add(tally[0]);
                }
            }
        }
        if (!promoting.isEmpty()) {
            steps.promoteBlockedChildren(promoting, promotions, now);
        }
        if (!joining.isEmpty()) {
            steps.wakeParents(joining, now);
        }
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
