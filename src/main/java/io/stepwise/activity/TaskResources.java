package io.stepwise.activity;

import io.stepwise.task.TaskHandlers;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Task's {@code Resource} asks of the worker: hand the task to an activity's pollers, run a
 * handler and then wait for the answer to the task token ({@code .waitForTaskToken}), or run a handler
 * and take its result.
 */
public final class TaskResources {

    private static final Pattern AWS_ACTIVITY = Pattern.compile("arn:aws[\\w-]*:states:[^:]*:[^:]*:activity:(.+)");
    private static final String STEPWISE_ACTIVITY = "stepwise:activity:";

    private TaskResources() {
    }

    /** How a resource runs. */
    public sealed interface Kind {
    }

    /** The task goes to the pollers of activity {@code name}. */
    public record Activity(String name) implements Kind {
    }

    /** The handler of {@code handlerResource} runs with {@code $$.Task.Token}; then the step waits for the answer. */
    public record Callback(String handlerResource) implements Kind {
    }

    /** The handler's result is the task's result. */
    public record Direct(String resource) implements Kind {
    }

    public static Kind of(String resource) {
        if (resource.startsWith(STEPWISE_ACTIVITY) && resource.length() > STEPWISE_ACTIVITY.length()) {
            return new Activity(resource.substring(STEPWISE_ACTIVITY.length()));
        }
        Matcher aws = AWS_ACTIVITY.matcher(resource);
        if (aws.matches()) {
            return new Activity(aws.group(1));
        }
        if (resource.endsWith(TaskHandlers.CALLBACK_SUFFIX)) {
            return new Callback(resource);
        }
        return new Direct(resource);
    }
}
