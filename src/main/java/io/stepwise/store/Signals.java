package io.stepwise.store;

import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Hints that reach this replica from any replica through PostgreSQL LISTEN/NOTIFY: work became ready,
 * an execution was stopped, or an activity got a task. Hints only: a lost one delays work (until the next poll or lease
 * renewal) and loses nothing.
 */
@Component
public class Signals {

    private final CopyOnWriteArrayList<Runnable> workListeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Consumer<UUID>> stopListeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Consumer<String>> activityListeners = new CopyOnWriteArrayList<>();

    /** An activity got a task to hand out (the listener gets its name). */
    public void onActivityScheduled(Consumer<String> listener) {
        activityListeners.add(listener);
    }

    void activityScheduled(String activity) {
        activityListeners.forEach(l -> l.accept(activity));
    }

    public void onWork(Runnable listener) {
        workListeners.add(listener);
    }

    public void onStop(Consumer<UUID> listener) {
        stopListeners.add(listener);
    }

    void work() {
        workListeners.forEach(Runnable::run);
    }

    void stopped(UUID executionId) {
        stopListeners.forEach(l -> l.accept(executionId));
    }
}
