package io.stepwise.api;

import io.stepwise.store.Callbacks;
import org.springframework.http.HttpStatus;

/** An answer or heartbeat to a task token that cannot apply (see {@link Callbacks.Reply}). */
class TaskAnswerRefusedException extends RuntimeException {

    private final Callbacks.Reply reply;

    TaskAnswerRefusedException(Callbacks.Reply reply) {
        super(switch (reply) {
            case NOT_FOUND -> "No task has this token.";
            case ALREADY_ANSWERED -> "The task of this token was answered before; an answer counts once.";
            case TIMED_OUT -> "The task of this token is over: it timed out, or its execution stopped or moved on.";
            case ACCEPTED -> throw new IllegalArgumentException("an accepted answer is not refused");
        });
        this.reply = reply;
    }

    HttpStatus status() {
        return switch (reply) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ALREADY_ANSWERED -> HttpStatus.CONFLICT;
            default -> HttpStatus.GONE;
        };
    }

    String type() {
        return switch (reply) {
            case NOT_FOUND -> "task-not-found";
            case ALREADY_ANSWERED -> "task-already-answered";
            default -> "task-timed-out";
        };
    }

    String title() {
        return switch (reply) {
            case NOT_FOUND -> "Task not found";
            case ALREADY_ANSWERED -> "Task already answered";
            default -> "Task timed out";
        };
    }
}
