package io.stepwise.store;

import java.util.regex.Pattern;

/**
 * A namespace (docs/namespaces.md): it scopes state machines, executions and activities, whose names
 * are unique per namespace. Everything created without naming one is in {@link #DEFAULT}, so single-team
 * use never sees namespaces.
 *
 * @param name 1 to 63 of a-z 0-9 and '-', starting with a letter or digit (a DNS label's shape, so a
 *        namespace can be named after a Kubernetes namespace or a team's host name)
 */
public record Namespace(String name) {

    public static final String PATTERN = "^[a-z0-9][a-z0-9-]{0,62}$";
    /** The request header that names a request's namespace (docs/namespaces.md). */
    public static final String HEADER = "Stepwise-Namespace";
    // before DEFAULT, whose construction checks its name against it
    private static final Pattern VALID = Pattern.compile(PATTERN);
    public static final Namespace DEFAULT = new Namespace("default");

    public Namespace {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("a namespace is 1 to 63 of a-z 0-9 and '-', starting with a letter"
                    + " or digit, got " + (name == null ? "none" : "'" + name + "'"));
        }
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /** A namespace read from a row (most are the default one: no check, no allocation). */
    static Namespace stored(String name) {
        return DEFAULT.name.equals(name) ? DEFAULT : new Namespace(name);
    }

    public boolean isDefault() {
        return equals(DEFAULT);
    }

    @Override
    public String toString() {
        return name;
    }
}
