package io.stepwise.console;

import io.stepwise.api.Cursors;
import io.stepwise.api.ExecutionFilters;
import io.stepwise.api.FailureAnalysis;
import io.stepwise.api.InvalidParameterException;
import io.stepwise.console.ExecutionActivity.StateRecord;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.store.ExecutionFilter;
import io.stepwise.store.ExecutionKey;
import io.stepwise.store.ExecutionRecord;
import io.stepwise.store.Executions;
import io.stepwise.store.HistoryQueries;
import io.stepwise.store.NotFoundException;
import io.stepwise.store.Page;
import io.stepwise.store.Namespace;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/** The executions pages: the filtered listing, one execution live, a state's panel, the comparison. */
@Hidden
@Controller
@RequestMapping("/console/executions")
class ExecutionPages {

    static final int PAGE_SIZE = 25;
    /** How many executions a name search looks through per page it shows. */
    static final int NAME_SEARCH_SCAN = 1000;

    private final Executions executions;
    private final HistoryQueries history;
    private final ExecutionViews views;
    private final ExecutionCounts counts;

    ExecutionPages(Executions executions, HistoryQueries history, ExecutionViews views, ExecutionCounts counts) {
        this.executions = executions;
        this.history = history;
        this.views = views;
        this.counts = counts;
    }

    /** Public, with a public query(): the page template calls it through SpEL, which sees public members only. */
    public record Filters(String stateMachine, String status, String startedAfter, String startedBefore, String name) {
        public String query() {
            StringBuilder q = new StringBuilder();
            add(q, "stateMachine", stateMachine);
            add(q, "status", status);
            add(q, "startedAfter", startedAfter);
            add(q, "startedBefore", startedBefore);
            add(q, "name", name);
            return q.toString();
        }

        private static void add(StringBuilder q, String key, String value) {
            if (value != null) {
                q.append('&').append(key).append('=')
                        .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    @GetMapping
    String list(@RequestParam(required = false) String stateMachine, @RequestParam(required = false) String status,
            @RequestParam(required = false) String startedAfter, @RequestParam(required = false) String startedBefore,
            @RequestParam(required = false) String name, @RequestParam(required = false) String cursor,
            Namespace namespace, Model model) {
        Filters filters = new Filters(blank(stateMachine), blank(status), blank(startedAfter), blank(startedBefore),
                blank(name));
        ExecutionFilter filter = ExecutionFilters.of(namespace, filters.stateMachine(), filters.status(),
                filters.startedAfter(), filters.startedBefore());
        ExecutionKey after = Cursors.executionsAfter(blank(cursor));
        List<ExecutionRecord> items;
        ExecutionKey next;
        if (filters.name() == null) {
            Page<ExecutionRecord, ExecutionKey> page = executions.page(filter, after, PAGE_SIZE);
            items = page.items();
            next = page.next();
        } else {
            // the API lists by time, not by name: look through the next executions for names that contain it
            String needle = filters.name().toLowerCase(Locale.ROOT);
            items = new ArrayList<>();
            next = after;
            int scanned = 0;
            boolean more = true;
            while (items.size() < PAGE_SIZE && scanned < NAME_SEARCH_SCAN && more) {
                Page<ExecutionRecord, ExecutionKey> page = executions.page(filter, next, 100);
                for (ExecutionRecord e : page.items()) {
                    scanned++;
                    next = new ExecutionKey(e.startDate(), e.id());
                    if (e.name().toLowerCase(Locale.ROOT).contains(needle)) {
                        items.add(e);
                        if (items.size() == PAGE_SIZE) {
                            break;
                        }
                    }
                }
                more = page.next() != null;
                if (!more && items.size() < PAGE_SIZE) {
                    next = null;
                }
            }
            model.addAttribute("scanned", scanned);
        }
        model.addAttribute("filters", filters);
        model.addAttribute("counts", counts.byStatus(filter));
        model.addAttribute("countsQuery", new Filters(filters.stateMachine(), null, filters.startedAfter(),
                filters.startedBefore(), null).query());
        model.addAttribute("statuses", ExecutionStatus.values());
        Map<String, String> icons = new LinkedHashMap<>();
        for (ExecutionStatus s : ExecutionStatus.values()) {
            icons.put(s.name(), ExecutionPresenter.statusIcon(s));
        }
        model.addAttribute("icons", icons);
        model.addAttribute("items", items);
        model.addAttribute("nextCursor", Cursors.executions(next));
        model.addAttribute("firstPage", cursor == null || cursor.isBlank());
        return "console/executions";
    }

    @GetMapping("/{id}")
    String detail(@PathVariable UUID id, @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "0") int from, @RequestParam(required = false) String iterations,
            Namespace namespace, Model model) {
        views.read(namespace, id, view -> {
            ExecutionRecord execution = view.execution();
            model.addAttribute("execution", execution);
            model.addAttribute("statusIcon", ExecutionPresenter.statusIcon(execution.status()));
            var marks = ExecutionPresenter.marks(view);
            model.addAttribute("graph", GraphSvg.render(GraphLayout.of(view.definition()), marks::get,
                    "State machine " + execution.stateMachineName() + ", execution " + execution.name(),
                    NamespaceLinks.queryUpTo(namespace, "state")));
            model.addAttribute("input", ExecutionPresenter.pretty(execution.input()));
            model.addAttribute("output", ExecutionPresenter.pretty(execution.output()));
            model.addAttribute("path", view.activity().path());
            model.addAttribute("lastEventId", view.activity().lastEventId());
            if (state != null) {
                model.addAttribute("panel", panel(view, state, from, iterations));
            }
            return null;
        });
        ExecutionRecord execution = (ExecutionRecord) model.getAttribute("execution");
        if (execution.status().isFinished() && execution.status() != ExecutionStatus.SUCCEEDED) {
            var definition = views.read(namespace, id, ExecutionViews.View::definition);
            model.addAttribute("failure", FailureAnalysis.of(execution, history.all(id), definition));
        }
        model.addAttribute("statuses", StateStatus.values());
        return "console/execution";
    }

    /** A state's panel alone, for the page script to put beside the graph without reloading. */
    @GetMapping("/{id}/states/{state}")
    String statePanel(@PathVariable UUID id, @PathVariable String state, @RequestParam(defaultValue = "0") int from,
            @RequestParam(required = false) String iterations, Namespace namespace, Model model) {
        views.read(namespace, id, view -> {
            model.addAttribute("execution", view.execution());
            model.addAttribute("panel", panel(view, state, from, iterations));
            return null;
        });
        return "console/execution :: panel";
    }

    /** Which states' inputs and outputs differ from the last execution of the same machine that succeeded. */
    @GetMapping("/{id}/compare")
    String compare(@PathVariable UUID id, Namespace namespace, Model model) {
        ExecutionRecord execution = executions.find(namespace, id)
                .orElseThrow(() -> new NotFoundException("execution", id.toString()));
        ExecutionRecord succeeded = executions.page(new ExecutionFilter(execution.stateMachineName(),
                        ExecutionStatus.SUCCEEDED, null, null, namespace), null, 2).items().stream()
                .filter(e -> !e.id().equals(id)).findFirst().orElse(null);
        model.addAttribute("execution", execution);
        model.addAttribute("other", succeeded);
        if (succeeded != null) {
            // one view at a time (never one lock inside another), each copied out under its own lock
            model.addAttribute("differences", differences(views.read(namespace, id, ExecutionPages::ran),
                    views.read(namespace, succeeded.id(), ExecutionPages::ran)));
        }
        return "console/compare";
    }

    /** One state compared: whether it ran in each, and its last input and output in each. */
    record Difference(String state, boolean ranHere, boolean ranThere, boolean inputDiffers, boolean outputDiffers,
            String inputHere, String inputThere, String outputHere, String outputThere) {
        public boolean differs() {
            return ranHere != ranThere || inputDiffers || outputDiffers;
        }
    }

    /** A state's last input and output, copied out of a view. */
    private record Ran(boolean ran, JsonNode input, JsonNode output) {
    }

    private static Map<String, Ran> ran(ExecutionViews.View view) {
        Map<String, Ran> ran = new LinkedHashMap<>();
        view.activity().states().values().forEach(s -> ran.put(s.name, new Ran(s.entries > 0, s.input, s.output)));
        return ran;
    }

    private static List<Difference> differences(Map<String, Ran> mine, Map<String, Ran> theirs) {
        List<Difference> out = new ArrayList<>();
        Ran none = new Ran(false, null, null);
        mine.forEach((name, a) -> {
            Ran b = theirs.getOrDefault(name, none);
            if (a.ran() || b.ran()) {
                out.add(new Difference(name, a.ran(), b.ran(), !Objects.equals(a.input(), b.input()),
                        !Objects.equals(a.output(), b.output()), ExecutionPresenter.pretty(a.input()),
                        ExecutionPresenter.pretty(b.input()), ExecutionPresenter.pretty(a.output()),
                        ExecutionPresenter.pretty(b.output())));
            }
        });
        out.sort((x, y) -> Boolean.compare(y.differs(), x.differs()));
        return out;
    }

    private static ExecutionPresenter.StatePanel panel(ExecutionViews.View view, String state, int from,
            String iterations) {
        StateRecord record = view.activity().states().get(state);
        if (record == null) {
            throw new NotFoundException("state", state);
        }
        if (from < 0) {
            throw new InvalidParameterException("from", "'" + from + "' is not an iteration index: use 0 or more.");
        }
        String filter = blank(iterations) == null ? null : iterations.toLowerCase(Locale.ROOT);
        if (filter != null && List.of("not_started", "running", "succeeded", "failed", "aborted").stream()
                .noneMatch(filter::equals)) {
            throw new InvalidParameterException("iterations", "'" + iterations + "' is not an iteration status: use"
                    + " running, succeeded, failed, aborted or not_started.");
        }
        return ExecutionPresenter.panel(view, record, from, filter);
    }

    /** An empty form field is an absent filter. */
    static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
