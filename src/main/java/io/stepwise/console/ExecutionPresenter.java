package io.stepwise.console;

import io.stepwise.asl.Json;
import io.stepwise.console.ExecutionActivity.Attempt;
import io.stepwise.console.ExecutionActivity.Iteration;
import io.stepwise.console.ExecutionActivity.StateRecord;
import io.stepwise.console.ExecutionViews.View;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.store.HistoryEvent;
import io.stepwise.store.LiveSteps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Turns a {@link View} into what pages and live updates show: marks on the graph, a state's panel, an update. */
final class ExecutionPresenter {

    /** Iterations listed per page of a Map's panel. */
    static final int ITERATIONS_PER_PAGE = 50;
    /** Children read for one page of a filtered list while a Map runs. */
    static final int LIVE_FILTER_SCAN = 1000;

    private ExecutionPresenter() {
    }

    static Map<String, GraphSvg.Mark> marks(View view) {
        Map<String, GraphSvg.Mark> marks = new LinkedHashMap<>();
        for (StateRecord state : view.activity().states().values()) {
            marks.put(state.name, new GraphSvg.Mark(status(view, state), figures(view, state)));
        }
        return marks;
    }

    /**
     * The state's status from history, unless a step is at it right now: a Task whose handler runs, or
     * a state an iteration has reached, has no events yet but is running.
     */
    static StateStatus status(View view, StateRecord state) {
        StateStatus folded = state.status(view.execution().status());
        boolean busy = view.live().stream().anyMatch(s -> s.state().equals(state.name)
                && !s.status().equals("BLOCKED") && !s.status().equals("SUCCEEDED") && !s.status().equals("FAILED")
                && !s.status().equals("CANCELLED"));
        return busy && folded != StateStatus.RETRIED ? StateStatus.RUNNING : folded;
    }

    /**
     * A Map's iterations by status (from its child steps while it runs, else from history); "×3" for
     * another state entered three times.
     */
    static String figures(View view, StateRecord state) {
        if (!state.type.equals("Map")) {
            return state.entries > 1 ? "×" + state.entries : "";
        }
        int[] c = iterationCounts(view, state);
        int total = Math.max(state.length, Arrays.stream(c).sum());
        if (total == 0) {
            return "";
        }
        return c[Iteration.SUCCEEDED.ordinal()] + " ok, " + c[Iteration.FAILED.ordinal()] + " failed, "
                + c[Iteration.RUNNING.ordinal()] + " running of " + total;
    }

    private static int[] iterationCounts(View view, StateRecord state) {
        int[] live = new int[Iteration.values().length];
        boolean any = false;
        for (LiveSteps.StateSteps steps : view.live()) {
            if (state.name.equals(steps.parentState())) {
                live[iteration(steps.status()).ordinal()] += (int) steps.steps();
                any = true;
            }
        }
        return any ? live : state.iterationCounts();
    }

    /** A child step's status as an iteration's. */
    static Iteration iteration(String stepStatus) {
        return switch (stepStatus) {
            case "SUCCEEDED" -> Iteration.SUCCEEDED;
            case "FAILED" -> Iteration.FAILED;
            case "CANCELLED" -> Iteration.ABORTED;
            case "BLOCKED" -> Iteration.NOT_STARTED;
            default -> Iteration.RUNNING;
        };
    }

    /** An iteration of a Map, for its panel's list. */
    record IterationRow(int index, String status, String icon) {
    }

    /** Everything the panel of one state shows. {@code nextFrom}/{@code previousFrom}: null at the ends. */
    record StatePanel(String name, String type, StateStatus status, int entries, int exits, int failures,
            int retries, String input, String output, String error, String cause, List<Attempt> attempts,
            boolean map, String figures, List<IterationRow> iterations, Integer previousFrom, Integer nextFrom,
            String iterationFilter) {
    }

    /**
     * @param from   the first iteration index to list
     * @param filter an iteration status to list only (lower case), or null for all
     */
    static StatePanel panel(View view, StateRecord state, int from, String filter) {
        List<IterationRow> rows = new ArrayList<>();
        Integer next = null;
        Integer previous = null;
        boolean map = state.type.equals("Map");
        if (map) {
            // while the Map runs its children are steps: one page of them (a filter looks a little further)
            List<LiveSteps.Child> children = view.children(state.name, from, filter == null ? ITERATIONS_PER_PAGE
                    : LIVE_FILTER_SCAN);
            int i = from;
            if (!children.isEmpty()) {
                for (LiveSteps.Child child : children) {
                    i = child.index() + 1;
                    add(rows, child.index(), iteration(child.status()), filter);
                    if (rows.size() == ITERATIONS_PER_PAGE) {
                        break;
                    }
                }
                next = children.size() == (filter == null ? ITERATIONS_PER_PAGE : LIVE_FILTER_SCAN)
                        || rows.size() == ITERATIONS_PER_PAGE ? i : null;
            } else {
                int total = Math.max(state.length, state.iterations.length);
                for (; i < total && rows.size() < ITERATIONS_PER_PAGE; i++) {
                    add(rows, i, state.iteration(i), filter);
                }
                next = i < total ? i : null;
            }
            previous = from > 0 ? Math.max(0, from - ITERATIONS_PER_PAGE) : null;
        }
        return new StatePanel(state.name, state.type, status(view, state), state.entries, state.exits,
                state.failures, state.retries, pretty(state.input), pretty(state.output), state.error, state.cause,
                List.copyOf(state.attempts), map, figures(view, state), rows, previous, next, filter);
    }

    private static void add(List<IterationRow> rows, int index, Iteration it, String filter) {
        if (filter == null || it.name().toLowerCase(Locale.ROOT).equals(filter)) {
            rows.add(new IterationRow(index, it.name().toLowerCase(Locale.ROOT).replace('_', ' '), icon(it)));
        }
    }

    private static String icon(Iteration iteration) {
        return switch (iteration) {
            case NOT_STARTED -> StateStatus.NOT_RUN.icon();
            case RUNNING -> StateStatus.RUNNING.icon();
            case SUCCEEDED -> StateStatus.SUCCEEDED.icon();
            case FAILED -> StateStatus.FAILED.icon();
            case ABORTED -> StateStatus.CANCELLED.icon();
        };
    }

    static String pretty(JsonNode json) {
        return json == null ? null : Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
    }

    /** A state's mark as a live update carries it. */
    record StateUpdate(String name, String css, String icon, String word, String figures) {
    }

    /** A history event in the timeline: its id, time, type and one line of what it says. */
    record TimelineEvent(long id, String timestamp, String type, String summary) {
        static TimelineEvent of(HistoryEvent event) {
            JsonNode d = event.details();
            List<String> parts = new ArrayList<>();
            for (String field : List.of("name", "index", "resource", "error", "cause")) {
                if (d.hasNonNull(field)) {
                    parts.add(d.get(field).asString());
                }
            }
            String summary = String.join(" · ", parts);
            return new TimelineEvent(event.id(), event.timestamp() == null ? "" : event.timestamp().toString(),
                    event.type(), summary.length() > 200 ? summary.substring(0, 199) + "…" : summary);
        }
    }

    /**
     * What a live page needs to redraw: the execution's status, every state's mark, the events it has
     * not seen ({@code reloadTimeline} when too many came to send them one by one).
     */
    record Update(String status, String statusIcon, boolean finished, List<StateUpdate> states,
            List<TimelineEvent> events, boolean reloadTimeline, long lastEventId) {
    }

    static Update update(View view, long afterEventId) {
        List<StateUpdate> states = new ArrayList<>();
        marks(view).forEach((name, mark) -> states.add(new StateUpdate(name, mark.status().css(), mark.status().icon(),
                mark.status().label(), mark.figures())));
        List<HistoryEvent> newEvents = view.eventsAfter(afterEventId);
        List<TimelineEvent> events = newEvents == null ? List.of()
                : newEvents.stream().map(TimelineEvent::of).toList();
        long last = newEvents == null || newEvents.isEmpty() ? afterEventId : newEvents.getLast().id();
        if (newEvents == null) {
            last = view.eventsAfter(0).stream().mapToLong(HistoryEvent::id).max().orElse(afterEventId);
        }
        ExecutionStatus status = view.execution().status();
        return new Update(status.name(), statusIcon(status), status.isFinished(), states, events, newEvents == null,
                last);
    }

    static String statusIcon(ExecutionStatus status) {
        return switch (status) {
            case RUNNING, PENDING_REDRIVE -> StateStatus.RUNNING.icon();
            case SUCCEEDED -> StateStatus.SUCCEEDED.icon();
            case FAILED, TIMED_OUT -> StateStatus.FAILED.icon();
            case ABORTED -> StateStatus.CANCELLED.icon();
        };
    }
}
