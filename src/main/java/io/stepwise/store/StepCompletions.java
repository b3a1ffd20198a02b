package io.stepwise.store;

import io.stepwise.engine.Checkpoint;
import io.stepwise.engine.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
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

    StepCompletions(StepStore steps, ExecutionStore executions, HistoryStore history, Clock clock,
            ApplicationEventPublisher publisher) {
        this.steps = steps;
        this.executions = executions;
        this.history = history;
        this.clock = clock;
        this.publisher = publisher;
    }

    /** @return for each completion, whether it was applied (false: its lease was lost) */
    @Transactional
    public boolean[] apply(List<Completion> completions) {
        Instant now = clock.instant();
        boolean[] applied = new boolean[completions.size()];
        boolean madeWork = false;
        for (int i = 0; i < completions.size(); i++) {
            Completion completion = completions.get(i);
            applied[i] = applyOne(completion, now);
            if (!applied[i]) {
                log.warn("Refused the completion of step {} of execution {}: lease {} is no longer held",
                        completion.step().id(), completion.step().executionId(), completion.step().leaseToken());
                continue;
            }
            if (completion.events() != null && !completion.events().isEmpty()) {
                history.append(completion.step().executionId(), completion.events(), now);
            }
            madeWork |= !(completion instanceof Completion.FinishExecution);
        }
        if (madeWork) {
            publisher.publishEvent(new WorkAvailable());
        }
        return applied;
    }

    private boolean applyOne(Completion completion, Instant now) {
        ClaimedStep step = completion.step();
        boolean guarded = switch (completion) {
            case Completion.FinishExecution f -> {
                if (f.failure() == null) {
                    if (!steps.deleteLeased(step)) {
                        yield false;
                    }
                    // a top-level frame ending leaves nothing of its execution behind in the queue
                    steps.deleteOfExecution(step.executionId());
                } else if (!fail(step, f.failure(), f.error(), f.cause())) {
                    yield false;
                }
                executions.finish(step.executionId(), f.status(), f.output(), f.error(), f.cause(), now);
                yield true;
            }
            case Completion.Reschedule r -> steps.rescheduleLeased(step, r.kind(), r.stateName(), r.input(),
                    r.stateData(), r.runAt());
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
        int limit = s.maxConcurrency() <= 0 ? Integer.MAX_VALUE : s.maxConcurrency();
        for (Completion.NewChild child : s.children()) {
            String status = child.branchIndex() < limit ? "READY" : "BLOCKED";
            steps.insert(step.executionId(), step.id(), child.branchIndex(), status, StepKind.ENTER, child.stateName(),
                    child.input(), child.stateData(), s.runAt(), now);
        }
        if (s.children().isEmpty()) {
            steps.wakeParent(step.id(), s.runAt()); // nothing to wait for: join at once
        }
        return true;
    }

    private boolean endChild(ClaimedStep step, Completion.EndChild e, Instant now) {
        boolean guarded = e.failure() != null ? fail(step, e.failure(), e.error(), e.cause())
                : steps.finishChildLeased(step, e.succeeded() ? "SUCCEEDED" : "FAILED", e.output(), e.error(),
                        e.cause());
        if (!guarded) {
            return false;
        }
        long parentId = step.parentId();
        var count = steps.countChildFinished(parentId, !e.succeeded());
        if (count.isEmpty()) {
            return true; // the parent stopped waiting (a sibling's failure resumed it, or a stop)
        }
        Outcome.FanOut fanOut = (Outcome.FanOut) Checkpoint.fromJson(count.get().stateData(), "").pending();
        int total = fanOut.children().size();
        if (!e.succeeded() && !fanOut.tolerance().tolerates(count.get().failed(), total)) {
            steps.cancelUnfinishedChildren(parentId);
            steps.wakeParent(parentId, now);
        } else if (count.get().pending() == 0) {
            steps.wakeParent(parentId, now);
        } else {
            steps.promoteBlockedChild(parentId, now);
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
                    case "SUCCEEDED" -> new ChildOutcome(true, r.output(), null, null);
                    case "FAILED" -> new ChildOutcome(false, null, r.error(), r.cause());
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
