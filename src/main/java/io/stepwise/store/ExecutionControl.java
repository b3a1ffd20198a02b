package io.stepwise.store;

import io.stepwise.asl.Json;
import io.stepwise.asl.model.StateMachine;
import io.stepwise.engine.Checkpoint;
import io.stepwise.engine.FanIn;
import io.stepwise.engine.Outcome;
import io.stepwise.engine.StepStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Acts on executions from outside their own flow: Stop and redrive (callers go through {@link Executions}). */
@Service
class ExecutionControl {

    private final ExecutionStore executions;
    private final StepStore steps;
    private final HistoryStore history;
    private final StateMachineStore machines;
    private final StateMachineDefinitions definitions;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;
    private final Callbacks callbacks;

    ExecutionControl(ExecutionStore executions, StepStore steps, HistoryStore history, StateMachineStore machines,
            StateMachineDefinitions definitions, Clock clock, ApplicationEventPublisher publisher, Callbacks callbacks) {
        this.callbacks = callbacks;
        this.executions = executions;
        this.steps = steps;
        this.history = history;
        this.machines = machines;
        this.definitions = definitions;
        this.clock = clock;
        this.publisher = publisher;
    }

    /**
     * Stops a running execution: it becomes ABORTED and its steps CANCELLED, so no further transition
     * can commit (a running handler's completion finds no lease) while a redrive can resume them. Replicas running its handlers are told
     * through {@link ExecutionStopped} to cancel them.
     *
     * @return false when the execution had already ended
     * @throws NotFoundException when there is no such execution
     */
    @Transactional
    public boolean stop(Namespace namespace, UUID id, String error, String cause) {
        inNamespace(namespace, id);
        if (!executions.stop(id, error, cause, clock.instant())) {
            return false;
        }
        steps.cancelOfExecutions(new UUID[] {id});
        callbacks.cancelOfExecutions(new UUID[] {id});
        publisher.publishEvent(new ExecutionStopped(id));
        return true;
    }

    /**
     * Redrives a FAILED, TIMED_OUT or ABORTED execution: it runs again from the state(s) where it
     * stopped, with the inputs they had. Map iterations and Parallel branches that succeeded keep their
     * results; the others run again. RedriveCount goes up by one.
     *
     * @throws NotFoundException when there is no such execution
     * @throws RedriveNotAllowedException when it is running or succeeded, or nothing is left to resume
     */
    @Transactional
    public ExecutionRecord redrive(Namespace namespace, UUID id) {
        ExecutionRecord execution = inNamespace(namespace, id);
        Instant now = clock.instant();
        List<StepStore.TreeStep> tree = steps.treeOfExecution(id);
        List<StepStore.TreeStep> roots = tree.stream().filter(s -> s.parentId() == null).toList();
        // the execution's TimeoutSeconds starts again from the redrive
        Instant timeoutAt = machines.version(namespace, execution.stateMachineName(), execution.stateMachineVersion())
                .map(stored -> definitions.forVersion(namespace, stored.name(), stored.version(), stored.createdAt()))
                .map(StateMachine::timeoutSeconds)
                .map(seconds -> now.plusSeconds(seconds)).orElse(null);
        if (roots.isEmpty() || !executions.redrive(id, now, timeoutAt)) {
            throw new RedriveNotAllowedException(execution);
        }
        callbacks.cancelOfExecutions(new UUID[] {id}); // tokens of cut-off branches: their tasks run again
        new Revival(tree, now).reviveAll(roots);
        var events = Json.NODES.arrayNode();
        events.addObject().put("type", "ExecutionRedriven").putObject("details")
                .put("redriveCount", execution.redriveCount() + 1);
        history.append(id, events, now);
        publisher.publishEvent(new WorkAvailable());
        return executions.byId(id).orElseThrow();
    }

    /** Another namespace's execution is as absent as one that never existed. */
    private ExecutionRecord inNamespace(Namespace namespace, UUID id) {
        return executions.byId(id).filter(e -> e.namespace().equals(namespace))
                .orElseThrow(() -> new NotFoundException("execution", id.toString()));
    }

    /** Puts a failed or cut-off step tree back to work. */
    private final class Revival {
        private final List<StepStore.TreeStep> tree;
        private final Instant now;

        Revival(List<StepStore.TreeStep> tree, Instant now) {
            this.tree = tree;
            this.now = now;
        }

        void reviveAll(List<StepStore.TreeStep> roots) {
            roots.forEach(root -> revive(root, StepStatus.READY));
        }

        private void revive(StepStore.TreeStep step, StepStatus leafStatus) {
            List<StepStore.TreeStep> children = tree.stream()
                    .filter(c -> c.parentId() != null && c.parentId() == step.id()).toList();
            if (step.kind() != StepKind.FAN_IN || children.isEmpty()) {
                steps.revive(step.id(), leafStatus, null, now);
                return;
            }
            List<StepStore.TreeStep> unfinished = children.stream().filter(c -> c.status() != StepStatus.SUCCEEDED)
                    .toList();
            if (unfinished.isEmpty()) {
                steps.revive(step.id(), StepStatus.READY, 0, now); // every child succeeded: join again
                return;
            }
            steps.revive(step.id(), StepStatus.WAITING, unfinished.size(), now);
            var fanOut = (Outcome.FanOut) Checkpoint.fromJson(step.stateData(), "").pending();
            for (int i = 0; i < unfinished.size(); i++) {
                revive(unfinished.get(i), FanIn.startStatus(i, fanOut.maxConcurrency()));
            }
        }
    }
}
