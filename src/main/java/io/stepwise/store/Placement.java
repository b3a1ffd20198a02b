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
    /**
     * What steps carry: a queue of the default namespace by its name, one of another namespace as
     * {@code <namespace>/<name>} (neither has a '/', so the key is unambiguous; docs/namespaces.md).
     */
    private static final Pattern KEY = Pattern.compile("([a-z0-9][a-z0-9-]{0,62}/)?" + QUEUE_PATTERN);
    /** Priorities run from -100 to 100; 0 is the default. A smallint in the database. */
    public static final int MIN_PRIORITY = -100;
    public static final int MAX_PRIORITY = 100;
    // before DEFAULT, whose construction checks its name against it
    private static final Pattern QUEUE = Pattern.compile(QUEUE_PATTERN);
    public static final String DEFAULT_QUEUE = "default";
    public static final Placement DEFAULT = new Placement(DEFAULT_QUEUE, 0);

    public Placement {
        if (!isQueueName(queue)) {
            throw new IllegalArgumentException("A queue name is 1 to 64 of A-Z a-z 0-9 _ . : -, optionally after"
                    + " '<namespace>/', got " + queue);
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

    /** A queue's name or its key ({@code <namespace>/<name>}, for a queue of another namespace than the default). */
    public static boolean isQueueName(String name) {
        return name != null && (QUEUE.matcher(name).matches() || KEY.matcher(name).matches());
    }

    /** The key of {@code namespace}'s queue {@code name}. */
    public static String queueKey(Namespace namespace, String name) {
        return namespace.isDefault() ? name : namespace.name() + "/" + name;
    }

    /** The name a key stands for, without its namespace. */
    public static String queueName(String key) {
        return key.substring(key.indexOf('/') + 1);
    }

    /** Whether {@code key} is a queue of {@code namespace}. */
    public static boolean inNamespace(String key, Namespace namespace) {
        int slash = key.indexOf('/');
        return namespace.isDefault() ? slash < 0 : slash > 0 && key.startsWith(namespace.name() + "/")
                && slash == namespace.name().length();
    }

    /** The same placement in {@code namespace}'s queue of that name. */
    Placement in(Namespace namespace) {
        return namespace.isDefault() ? this : new Placement(queueKey(namespace, queue), priority);
    }

    boolean isDefault() {
        return equals(DEFAULT);
    }
}
