package io.stepwise.console;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.store.ExecutionFilter;
import io.stepwise.store.NotFoundException;
import io.stepwise.store.StateMachineSummary;
import io.stepwise.store.StateMachines;
import io.stepwise.store.StoredStateMachine;
import io.stepwise.store.Namespace;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/** The start page (overview and state machines) and a state machine's definition as a graph. */
@Hidden
@Controller
@RequestMapping("/console")
class StateMachinePages {

    /** The window the counts look back over, so a count reads a bounded stretch of the listing's index. */
    static final Duration COUNT_WINDOW = Duration.ofHours(24);

    private final StateMachines stateMachines;
    private final ExecutionCounts counts;
    private final ConsoleOverview overview;
    private final Clock clock;

    StateMachinePages(StateMachines stateMachines, ExecutionCounts counts, ConsoleOverview overview, Clock clock) {
        this.stateMachines = stateMachines;
        this.counts = counts;
        this.overview = overview;
        this.clock = clock;
    }

    /** A machine in the list, with how many of its executions of the last day run and failed. */
    record MachineRow(String name, int latestVersion, String description, Instant updatedAt, String running,
            String failed) {
    }

    @GetMapping
    String home(@RequestParam(required = false) String after, Namespace namespace, Model model) {
        List<StateMachineSummary> page = stateMachines.page(namespace, after == null ? "" : after, 51);
        List<MachineRow> rows = new ArrayList<>();
        Instant since = clock.instant().minus(COUNT_WINDOW);
        for (StateMachineSummary m : page.subList(0, Math.min(50, page.size()))) {
            rows.add(new MachineRow(m.name(), m.latestVersion(), m.description(), m.updatedAt(),
                    count(namespace, m.name(), ExecutionStatus.RUNNING, since),
                    count(namespace, m.name(), ExecutionStatus.FAILED, since)));
        }
        model.addAttribute("machines", rows);
        model.addAttribute("nextAfter", page.size() > 50 ? rows.getLast().name() : null);
        model.addAttribute("overview", overview.figures());
        return "console/home";
    }

    private String count(Namespace namespace, String machine, ExecutionStatus status, Instant since) {
        return counts.count(new ExecutionFilter(machine, status, since, null, namespace));
    }

    /** A version as a graph with its JSON beside it; {@code compare} adds another version and what changed. */
    @GetMapping("/state-machines/{name}")
    String machine(@PathVariable String name, @RequestParam(required = false) Integer version,
            @RequestParam(required = false) Integer compare, Namespace namespace, Model model) {
        StoredStateMachine latest = stateMachines.latest(namespace, name)
                .orElseThrow(() -> new NotFoundException("state machine", name));
        StoredStateMachine shown = version == null ? latest : stateMachines.version(namespace, name, version)
                .orElseThrow(() -> new NotFoundException("state machine version", name + ":" + version));
        model.addAttribute("machine", shown);
        model.addAttribute("latestVersion", latest.version());
        model.addAttribute("graph", GraphSvg.render(GraphLayout.of(shown.definition()), null,
                "State machine " + name + " version " + shown.version(), null));
        model.addAttribute("json", ExecutionPresenter.pretty(shown.definition()));
        if (compare != null) {
            StoredStateMachine other = stateMachines.version(namespace, name, compare)
                    .orElseThrow(() -> new NotFoundException("state machine version", name + ":" + compare));
            model.addAttribute("other", other);
            model.addAttribute("otherGraph", GraphSvg.render(GraphLayout.of(other.definition()), null,
                    "State machine " + name + " version " + other.version(), null));
            model.addAttribute("otherJson", ExecutionPresenter.pretty(other.definition()));
            model.addAttribute("changes", changes(shown.definition(), other.definition()));
        }
        return "console/state-machine";
    }

    /** One state's difference between two versions: added, removed or changed (top-level fields compared whole). */
    record Change(String state, String what) {
    }

    static List<Change> changes(JsonNode shown, JsonNode other) {
        List<Change> changes = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        StateIndex mine = StateIndex.of(shown);
        StateIndex theirs = StateIndex.of(other);
        names.addAll(mine.states().keySet());
        names.addAll(theirs.states().keySet());
        for (String state : names) {
            JsonNode a = mine.states().get(state);
            JsonNode b = theirs.states().get(state);
            if (a == null) {
                changes.add(new Change(state, "only in the other version"));
            } else if (b == null) {
                changes.add(new Change(state, "only in this version"));
            } else if (!Objects.equals(a, b)) {
                List<String> fields = new ArrayList<>();
                a.propertyNames().forEach(f -> {
                    if (!Objects.equals(a.get(f), b.get(f))) {
                        fields.add(f);
                    }
                });
                b.propertyNames().forEach(f -> {
                    if (!a.has(f)) {
                        fields.add(f);
                    }
                });
                changes.add(new Change(state, "changed: " + String.join(", ", fields)));
            }
        }
        if (!Objects.equals(shown.get("StartAt"), other.get("StartAt"))) {
            changes.addFirst(new Change("StartAt", "changed"));
        }
        return changes;
    }
}
