package io.stepwise.console;

import io.stepwise.asl.Json;
import io.stepwise.store.ExecutionRecord;
import io.stepwise.store.Executions;
import io.stepwise.store.HistoryEvent;
import io.stepwise.store.HistoryPosition;
import io.stepwise.store.HistoryQueries;
import io.stepwise.store.LiveSteps;
import io.stepwise.store.NotFoundException;
import io.stepwise.store.Page;
import io.stepwise.store.StateMachines;
import io.stepwise.store.StoredStateMachine;
import io.stepwise.store.Namespace;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The executions the console is looking at, each with its {@link ExecutionActivity} kept up to date:
 * a view reads its history once through {@link HistoryQueries} (the REST API's reader), then only
 * what came after, and the steps in flight through {@link LiveSteps}; so the pages, the state panels
 * and every live stream of one execution share one fold and one reader. A few dozen recently viewed executions are kept; the rest are read again when
 * asked for.
 */
@Component
class ExecutionViews {

    /** Events read per history page; a running execution's last, unfinished page is read again on the next catch-up. */
    static final int CHUNK = 500;
    /** Events kept for live timelines: a stream further behind than this reloads its timeline. */
    static final int RECENT = 300;
    private static final int KEPT = 64;

    private final Executions executions;
    private final HistoryQueries history;
    private final StateMachines stateMachines;
    private final LiveSteps liveSteps;
    private final Clock clock;
    private final ConsoleProperties properties;
    private record Key(Namespace namespace, UUID id) {
    }

    private final Map<Key, View> views = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, View> eldest) {
            return size() > KEPT;
        }
    };

    ExecutionViews(Executions executions, HistoryQueries history, StateMachines stateMachines, LiveSteps liveSteps,
            Clock clock, ConsoleProperties properties) {
        this.executions = executions;
        this.history = history;
        this.stateMachines = stateMachines;
        this.liveSteps = liveSteps;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * The execution as it is now, with what happened to each state.
     *
     * @throws NotFoundException when there is no such execution in {@code namespace}
     */
    <T> T read(Namespace namespace, UUID id, Function<View, T> reader) {
        View view;
        // keyed by namespace too: a caller naming another namespace's id gets its own (empty) place, never
        // the real view, and cannot make that view answer 404 to its own namespace's readers
        Key key = new Key(namespace, id);
        synchronized (views) {
            view = views.computeIfAbsent(key, k -> new View(namespace, id));
        }
        synchronized (view) {
            try {
                view.catchUp();
            } catch (NotFoundException e) {
                synchronized (views) {
                    views.remove(key, view); // keep no place for an id that names nothing here
                }
                throw e;
            }
            return reader.apply(view);
        }
    }

    /** {@link #read(Namespace, UUID, Function)} in the default namespace. */
    <T> T read(UUID id, Function<View, T> reader) {
        return read(Namespace.DEFAULT, id, reader);
    }

    /** One execution and its fold; every method runs under the view's lock. */
    final class View {
        private final Namespace namespace;
        private final UUID id;
        private ExecutionRecord execution;
        private JsonNode definition;
        private ExecutionActivity activity;
        private HistoryPosition resume;
        private Instant caughtUpAt = Instant.MIN;
        private List<LiveSteps.StateSteps> live = List.of();
        private final Deque<HistoryEvent> recent = new ArrayDeque<>();

        View(Namespace namespace, UUID id) {
            this.namespace = namespace;
            this.id = id;
        }

        ExecutionRecord execution() {
            return execution;
        }

        JsonNode definition() {
            return definition;
        }

        ExecutionActivity activity() {
            return activity;
        }

        /** The execution's steps by state and status, read with the execution (empty once it has ended). */
        List<LiveSteps.StateSteps> live() {
            return live;
        }

        /** Up to {@code limit} children of a Map or Parallel state from {@code from}, as the steps show them now. */
        List<LiveSteps.Child> children(String state, int from, int limit) {
            return execution.status().isFinished() ? List.of() : liveSteps.children(id, state, from, limit);
        }

        /** The kept events after {@code afterId}, oldest first; null when some between were dropped. */
        List<HistoryEvent> eventsAfter(long afterId) {
            if (!recent.isEmpty() && recent.peekFirst().id() > afterId + 1 && afterId > 0) {
                return null;
            }
            return recent.stream().filter(e -> e.id() > afterId).toList();
        }

        private void catchUp() {
            Instant now = clock.instant();
            if (execution != null && now.isBefore(caughtUpAt.plus(properties.refreshInterval()))) {
                return; // another stream of this execution read it a moment ago
            }
            caughtUpAt = now;
            execution = executions.find(namespace, id)
                    .orElseThrow(() -> new NotFoundException("execution", id.toString()));
            if (activity == null) {
                definition = stateMachines
                        .version(namespace, execution.stateMachineName(), execution.stateMachineVersion())
                        .map(StoredStateMachine::definition).orElse(Json.NODES.objectNode());
                activity = new ExecutionActivity(definition);
            }
            // steps before history: a run that commits in between shows in history, and is not lost
            live = execution.status().isFinished() ? List.of() : liveSteps.counts(id);
            while (true) {
                Page<HistoryEvent, HistoryPosition> page = history.page(id, resume, CHUNK, false);
                for (HistoryEvent event : page.items()) {
                    if (event.id() > activity.lastEventId() && !event.type().startsWith("Execution")) {
                        activity.accept(event);
                    }
                    if (recent.isEmpty() || event.id() > recent.peekLast().id()) {
                        recent.addLast(event);
                        if (recent.size() > RECENT) {
                            recent.removeFirst();
                        }
                    }
                }
                // a full page tells where the next one starts; a short one is read again from the same place
                // next time, as it may grow (a finished execution's last position is its derived end event)
                if (page.next() == null || page.next().seq() == Long.MAX_VALUE) {
                    return;
                }
                resume = page.next();
            }
        }
    }
}
