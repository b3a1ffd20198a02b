package io.stepwise.store;

import io.stepwise.asl.ErrorNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Task attempts that wait for an answer to their task token: the worker's side (open a token, read the
 * answer or time it out), the answering side ({@code /v1/tasks/success|failure|heartbeat}) and activity
 * polls. Every change to a token row happens under that row's lock, and an answer wakes the step in the
 * same transaction, so an answer and a deadline can race on any replicas and exactly one of them wins.
 * A waiting step is WAITING with {@code run_at} at its first deadline; an answer makes it READY at once,
 * {@link #promoteDue} when the deadline comes.
 */
@Service
public class Callbacks {

    /** How long a step waits for an answer when its Task sets no deadline, before it looks again. */
    static final Duration NO_DEADLINE = Duration.ofDays(366);

    private final TaskTokenStore tokens;
    private final StepStore steps;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;

    Callbacks(TaskTokenStore tokens, StepStore steps, Clock clock, ApplicationEventPublisher publisher) {
        this.tokens = tokens;
        this.steps = steps;
        this.clock = clock;
        this.publisher = publisher;
    }

    /** The key every replica derives task tokens with (made once per database by the migration). */
    public byte[] tokenSecret() {
        return tokens.secret();
    }

    /**
     * Registers the token of a {@code .waitForTaskToken} attempt before its handler runs, so an answer
     * that comes back before the step has committed its wait finds it. Idempotent per attempt.
     */
    @Transactional
    public void open(ClaimedStep step, byte[] tokenHash, String attemptKey, Instant timeoutAt) {
        tokens.open(step.execution().namespace(), tokenHash, attemptKey, step.executionId(), step.id(), timeoutAt,
                clock.instant());
    }

    /** What a claimed CALLBACK step finds. */
    public sealed interface Decision {
    }

    /**
     * The attempt is over: answered, or timed out (then {@code error} says which deadline);
     * {@code scheduledAt} is when it began waiting.
     */
    public record Answered(boolean succeeded, JsonNode output, String error, String cause, Instant scheduledAt)
            implements Decision {
    }

    /** No answer and no deadline passed: the step waits again (already committed). */
    public record StillWaiting() implements Decision {
    }

    /**
     * Decides a claimed CALLBACK step under its token row's lock: the answer if one came, else a timeout if
     * a deadline passed, else the step goes back to wait for its (moved) deadline.
     */
    @Transactional
    public Decision decide(ClaimedStep step, String attemptKey) {
        Instant now = clock.instant();
        Optional<TaskTokenStore.ByAttempt> found = tokens.lockByAttempt(attemptKey);
        if (found.isEmpty()) {
            return new Answered(false, null, ErrorNames.RUNTIME, "The task token of this attempt is gone.", now);
        }
        TaskTokenStore.ByAttempt row = found.get();
        return switch (row.status()) {
            case "SUCCEEDED" -> new Answered(true, row.output(), null, null, row.createdAt());
            case "FAILED" -> new Answered(false, null, row.error(), row.cause(), row.createdAt());
            case "TIMED_OUT" -> new Answered(false, null, row.error(), null, row.createdAt());
            case "CANCELLED" -> new Answered(false, null, ErrorNames.TASK_FAILED, "The task token was cancelled.",
                    row.createdAt());
            default -> {
                String expired = expiredBy(row.timeoutAt(), row.heartbeatAt(), now);
                if (expired != null) {
                    tokens.timeOut(attemptKey, expired, now);
                    yield new Answered(false, null, expired, null, row.createdAt());
                }
                steps.awaitAgainLeased(step, firstDeadline(row.timeoutAt(), row.heartbeatAt(), now));
                yield new StillWaiting();
            }
        };
    }

    /**
     * The step now waits (inside the completion's transaction, after its reschedule): records the token's
     * deadlines and wakes the step at once when the answer has already come.
     */
    void await(Completion.AwaitAnswer wait, Instant now) {
        String status = tokens.await(wait.step().execution().namespace(), wait.token(), wait.step().executionId(),
                wait.step().id(), now);
        if (!"OPEN".equals(status)) {
            steps.wakeCallback(wait.step().id(), now);
        }
        if (wait.token().activity() != null) {
            publisher.publishEvent(new ActivityScheduled(
                    ActivityScheduled.key(wait.step().execution().namespace(), wait.token().activity())));
        }
    }

    /** The earliest of the deadlines, or {@link #NO_DEADLINE} from {@code now} when there is none. */
    public static Instant firstDeadline(Instant timeoutAt, Instant heartbeatAt, Instant now) {
        Instant first = timeoutAt;
        if (heartbeatAt != null && (first == null || heartbeatAt.isBefore(first))) {
            first = heartbeatAt;
        }
        return first != null ? first : now.plus(NO_DEADLINE);
    }

    private static String expiredBy(Instant timeoutAt, Instant heartbeatAt, Instant now) {
        boolean timedOut = timeoutAt != null && !timeoutAt.isAfter(now);
        boolean heartbeatMissed = heartbeatAt != null && !heartbeatAt.isAfter(now);
        if (timedOut && heartbeatMissed) {
            return heartbeatAt.isBefore(timeoutAt) ? ErrorNames.HEARTBEAT_TIMEOUT : ErrorNames.TIMEOUT;
        }
        return timedOut ? ErrorNames.TIMEOUT : heartbeatMissed ? ErrorNames.HEARTBEAT_TIMEOUT : null;
    }

    /** How an answer to a token went. */
    public enum Reply {
        ACCEPTED,
        /** no such token */
        NOT_FOUND,
        /** the attempt was answered before */
        ALREADY_ANSWERED,
        /** a deadline passed, or the execution stopped or moved past the attempt */
        TIMED_OUT
    }

    /** A worker's answer: success with output, or failure with error and cause. */
    public sealed interface Answer {
    }

    public record Success(JsonText output) implements Answer {
    }

    public record Failure(String error, String cause) implements Answer {
    }

    /**
     * Answers the attempt of {@code tokenHash}, and wakes its step. A token of another namespace than
     * {@code namespace} is {@link Reply#NOT_FOUND}, as one that never existed.
     */
    @Transactional
    public Reply answer(Namespace namespace, byte[] tokenHash, Answer answer) {
        Instant now = clock.instant();
        Optional<TaskTokenStore.ByHash> found = lockByHash(namespace, tokenHash);
        Reply refusal = refusal(tokenHash, found, now);
        if (refusal != null) {
            return refusal;
        }
        switch (answer) {
            case Success s -> tokens.answer(tokenHash, "SUCCEEDED", s.output(), null, null, now);
            case Failure f -> tokens.answer(tokenHash, "FAILED", null, f.error(), f.cause(), now);
        }
        steps.wakeCallback(found.get().stepId(), now);
        publisher.publishEvent(new WorkAvailable());
        return Reply.ACCEPTED;
    }

    /** {@link #answer(Namespace, byte[], Answer)} for a token of the default namespace. */
    @Transactional
    public Reply answer(byte[] tokenHash, Answer answer) {
        return answer(Namespace.DEFAULT, tokenHash, answer);
    }

    /** Moves the attempt's heartbeat deadline (when its Task has HeartbeatSeconds). */
    @Transactional
    public Reply heartbeat(Namespace namespace, byte[] tokenHash) {
        Instant now = clock.instant();
        Optional<TaskTokenStore.ByHash> found = lockByHash(namespace, tokenHash);
        Reply refusal = refusal(tokenHash, found, now);
        if (refusal != null) {
            return refusal;
        }
        Integer seconds = found.get().heartbeatSeconds();
        if (seconds != null) {
            tokens.heartbeat(tokenHash, now.plusSeconds(seconds));
        }
        return Reply.ACCEPTED;
    }

    /**
     * Why an answer or heartbeat cannot apply, or null when it can. A token whose deadline passed (its
     * step not yet run to notice) or whose step was cut off is closed here, so the refusal stays true.
     */
    private Reply refusal(byte[] tokenHash, Optional<TaskTokenStore.ByHash> found, Instant now) {
        if (found.isEmpty()) {
            return Reply.NOT_FOUND;
        }
        TaskTokenStore.ByHash row = found.get();
        switch (row.status()) {
            case "SUCCEEDED", "FAILED" -> {
                return Reply.ALREADY_ANSWERED;
            }
            case "TIMED_OUT", "CANCELLED" -> {
                return Reply.TIMED_OUT;
            }
            default -> {
            }
        }
        boolean stepAlive = "WAITING".equals(row.stepStatus()) || "READY".equals(row.stepStatus())
                || "RUNNING".equals(row.stepStatus());
        if (!stepAlive) {
            tokens.cancel(tokenHash, now);
            return Reply.TIMED_OUT;
        }
        String expired = expiredBy(row.timeoutAt(), row.heartbeatAt(), now);
        if (expired != null) {
            tokens.timeOut(row.attemptKey(), expired, now);
            steps.wakeCallback(row.stepId(), now);
            publisher.publishEvent(new WorkAvailable());
            return Reply.TIMED_OUT;
        }
        return null;
    }

    private Optional<TaskTokenStore.ByHash> lockByHash(Namespace namespace, byte[] tokenHash) {
        return tokens.lockByHash(tokenHash).filter(row -> row.namespace().equals(namespace));
    }

    /** A task an activity poll handed out: its attempt (to derive the token from) and input. */
    public record PolledTask(String attemptKey, JsonNode input) {
    }

    /**
     * Hands the oldest waiting task of {@code namespace}'s {@code activity} to this poller alone, and starts
     * its heartbeat clock.
     */
    @Transactional
    public Optional<PolledTask> poll(Namespace namespace, String activity, String workerName) {
        Optional<TaskTokenStore.Polled> polled = tokens.poll(namespace, activity, workerName, clock.instant());
        polled.ifPresent(p -> {
            if (p.heartbeatAt() != null) {
                steps.callbackDeadline(p.stepId(), p.heartbeatAt());
            }
        });
        return polled.map(p -> new PolledTask(p.attemptKey(), p.input()));
    }

    /**
     * Makes READY the waiting CALLBACK steps whose deadline came, for workers to time them out (the
     * maintenance leader's job, so the claim never walks past waiting steps).
     *
     * @return how many (at most {@code limit})
     */
    @Transactional
    public int promoteDue(int limit) {
        int due = steps.callbacksDue(clock.instant(), limit);
        if (due > 0) {
            publisher.publishEvent(new WorkAvailable());
        }
        return due;
    }

    /** Stop, timeout and redrive: answers to the executions' outstanding tokens are refused from now on. */
    void cancelOfExecutions(UUID[] executionIds) {
        tokens.cancelOfExecutions(executionIds);
    }
}
