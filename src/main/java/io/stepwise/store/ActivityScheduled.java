package io.stepwise.store;

/**
 * Published inside a transaction that gave {@code activity} a task to hand out. After commit, every
 * replica's waiting polls of that activity are woken (through LISTEN/NOTIFY). A hint only: polls also
 * look again on their own.
 *
 * @param activity the activity's key: its name in the default namespace, {@code <namespace>/<name>} in
 *        another (neither has a '/'), so a task of one namespace wakes no poll of another
 */
public record ActivityScheduled(String activity) {

    public static String key(Namespace namespace, String activity) {
        return namespace.isDefault() ? activity : namespace.name() + "/" + activity;
    }
}
