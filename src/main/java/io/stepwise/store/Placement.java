package io.stepwise.store;

import java.util.regex.Pattern;

/**
 * Where an execution's steps run: the queue they are claimed from and their priority in it (higher
 * first). Every step of the execution (first, next, Parallel/Map children, retries, redrives) carries
 * the same two values.
 */
public record Placement(String queue, int priority) {

    /** Queue names: 1 to 64 of letters, digits and {@code _ . : -} (safe in URLs, metric tags and logs). */
    public static final String QUEUE_PATTERN = "[A-Za-z0-9_.:-]{1,64}";
    /** Priorities run from -100 to 100; 0 is the default. A smallint in the database. */
    public static final int MIN_PRIORITY = -100;
    public static final int MAX_PRIORITY = 100;
    // before DEFAULT, whose construction checks its name against it
    private static final Pattern QUEUE = Pattern.compile(QUEUE_PATTERN);
    public static final String DEFAULT_QUEUE = "default";
    public static final Placement DEFAULT = new Placement(DEFAULT_QUEUE, 0);

    public Placement {
        if (!isQueueName(queue)) {
            throw new IllegalArgumentException("A queue name is 1 to 64 of A-Z a-z 0-9 _ . : -, got " + queue);
        }
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("A priority is between " + MIN_PRIORITY + " and " + MAX_PRIORITY
                    + ", got " + priority);
        }
    }

    /** The default queue or priority for what is left null. */
    public static Placement of(String queue, Integer priority) {
        return new Placement(queue == null ? DEFAULT_QUEUE : queue, priority == null ? 0 : priority);
    }

    public static boolean isQueueName(String name) {
        return name != null && QUEUE.matcher(name).matches();
    }

    boolean isDefault() {
        return equals(DEFAULT);
    }
}
