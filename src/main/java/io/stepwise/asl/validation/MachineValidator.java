package io.stepwise.asl.validation;

import io.stepwise.asl.model.QueryLanguage;
import io.stepwise.asl.model.StateType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Walks a definition machine by machine: the top level, then every Parallel branch and Map processor,
 * each with its own StartAt, transitions, reachability and terminal states. State names, though,
 * must be unique across the whole definition.
 */
final class MachineValidator {

    private static final List<StateCheck> CHECKS = List.of(new StateFieldsCheck(), new TaskCheck(),
            new ChoiceRulesCheck(), new RetryCatchCheck(), new WaitCheck(), new FailCheck(), new ParallelCheck(),
            new MapCheck(), new PathFieldsCheck(), new JsonataExpressionsCheck());
    private static final int MAX_STATE_NAME_LENGTH = 80;
    private static final String STATE_TYPES = Arrays.stream(StateType.values()).map(StateType::aslName)
            .collect(Collectors.joining(", ", "[", "]"));
    private static final String QUERY_LANGUAGES = Arrays.stream(QueryLanguage.values()).map(QueryLanguage::aslName)
            .collect(Collectors.joining(", ", "[", "]"));

    private final StateMachineType machineType;
    private final Findings findings;
    private final Set<String> stateNames = new HashSet<>();
    private QueryLanguage machineLanguage = QueryLanguage.JSONPATH;

    private MachineValidator(StateMachineType machineType, Findings findings) {
        this.machineType = machineType;
        this.findings = findings;
    }

    static void validateDefinition(JsonNode definition, StateMachineType machineType, Findings findings) {
        new MachineValidator(machineType, findings).machine(definition, Location.ROOT, Scope.ROOT);
    }

    /** What kind of (sub-)machine is being walked: it decides which top-level fields are allowed. */
    private enum Scope {
        ROOT(Set.of("StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage")),
        BRANCH(Set.of("StartAt", "States", "Comment")),
        PROCESSOR(Set.of("StartAt", "States", "Comment", "ProcessorConfig"));

        private final Set<String> fields;

        Scope(Set<String> fields) {
            this.fields = fields;
        }
    }

    private void machine(JsonNode machine, Location at, Scope scope) {
        if (machine == null || !machine.isObject()) {
            findings.schema(scope == Scope.ROOT ? "Definition must be a valid JSON object"
                    : "A " + (scope == Scope.BRANCH ? "branch" : "item processor") + " must be a JSON object", at);
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of("States", "StartAt")) {
            if (!machine.has(required)) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            findings.schema("These fields are required: " + missing, at);
        }
        for (String field : machine.propertyNames()) {
            if (!scope.fields.contains(field)) {
                findings.schema("The field '" + field + "' is not supported here", at.child(field));
            }
        }
        if (scope == Scope.ROOT) {
            rootFields(machine, at);
        }
        JsonNode comment = machine.get("Comment");
        if (comment != null && !comment.isString()) {
            findings.schema("The field 'Comment' must be a string", at.child("Comment"));
        }
        JsonNode startAt = machine.get("StartAt");
        if (startAt != null && !startAt.isString()) {
            findings.schema("The field 'StartAt' must be a state name", at.child("StartAt"));
        }
        JsonNode states = machine.get("States");
        if (states == null) {
            return;
        }
        if (!states.isObject()) {
            findings.schema("The field 'States' must be an object", at.child("States"));
            return;
        }
        if (states.isEmpty()) {
            findings.schema("Value cannot be empty", at.child("States"));
            return;
        }
        for (Map.Entry<String, JsonNode> entry : states.properties()) {
            state(entry.getKey(), entry.getValue(), at.child("States").child(entry.getKey()));
        }
        transitions(states, startAt, at);
    }

    private void rootFields(JsonNode machine, Location at) {
        JsonNode version = machine.get("Version");
        if (version != null && !version.isString()) {
            findings.schema("The field 'Version' must be a string", at.child("Version"));
        }
        JsonNode timeout = machine.get("TimeoutSeconds");
        if (timeout != null && !(Json.isInteger(timeout) && Json.longValue(timeout) >= 1
                && Json.longValue(timeout) <= TaskCheck.MAX_SECONDS)) {
            findings.schema("The field 'TimeoutSeconds' must be an integer between 1 and " + TaskCheck.MAX_SECONDS,
                    at.child("TimeoutSeconds"));
        }
        JsonNode language = machine.get("QueryLanguage");
        if (language != null) {
            queryLanguage(language, at).ifPresent(l -> machineLanguage = l);
        }
    }

    private void state(String name, JsonNode state, Location at) {
        if (name.length() > MAX_STATE_NAME_LENGTH) {
            findings.error(DiagnosticCodes.INVALID_STATE_NAME,
                    "State names must be at most " + MAX_STATE_NAME_LENGTH + " characters long", at);
        }
        if (!stateNames.add(name)) {
            findings.error(DiagnosticCodes.DUPLICATE_STATE_NAME, "Duplicate state name: '" + name + "'", at);
        }
        if (!state.isObject()) {
            findings.schema("A state must be a JSON object", at);
            return;
        }
        JsonNode typeNode = state.get("Type");
        if (typeNode == null) {
            findings.schema("The field 'Type' is required but was missing", at);
            return;
        }
        Optional<StateType> type = typeNode.isString() ? StateType.fromAslName(typeNode.stringValue()) : Optional.empty();
        if (type.isEmpty()) {
            findings.schema("The field 'Type' should have one of these values: " + STATE_TYPES, at.child("Type"));
            return;
        }
        StateContext context = new StateContext(name, state, at, type.get(), languageOf(state, at), machineType);
        for (StateCheck check : CHECKS) {
            check.check(context, findings);
        }
        subMachines(context);
    }

    private QueryLanguage languageOf(JsonNode state, Location at) {
        JsonNode language = state.get("QueryLanguage");
        if (language == null) {
            return machineLanguage;
        }
        Optional<QueryLanguage> parsed = queryLanguage(language, at);
        if (parsed.isEmpty()) {
            return machineLanguage;
        }
        // AWS lets states opt into JSONata under a JSONPath machine, never the reverse.
        if (machineLanguage == QueryLanguage.JSONATA && parsed.get() == QueryLanguage.JSONPATH) {
            findings.schema("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", at);
        }
        return parsed.get();
    }

    /** The language a QueryLanguage field names; reported when it names none. */
    private Optional<QueryLanguage> queryLanguage(JsonNode language, Location at) {
        Optional<QueryLanguage> parsed = language.isString()
                ? QueryLanguage.fromAslName(language.stringValue()) : Optional.empty();
        if (parsed.isEmpty()) {
            findings.schema("The field 'QueryLanguage' should have one of these values: " + QUERY_LANGUAGES,
                    at.child("QueryLanguage"));
        }
        return parsed;
    }

    private void subMachines(StateContext state) {
        if (state.type() == StateType.PARALLEL) {
            JsonNode branches = state.field("Branches");
            if (branches != null && branches.isArray()) {
                for (int i = 0; i < branches.size(); i++) {
                    machine(branches.get(i), state.at("Branches").index(i), Scope.BRANCH);
                }
            }
        } else if (state.type() == StateType.MAP) {
            for (String field : List.of("ItemProcessor", "Iterator")) {
                JsonNode processor = state.field(field);
                if (processor != null && processor.isObject()) {
                    machine(processor, state.at(field), Scope.PROCESSOR);
                }
            }
        }
    }

    private void transitions(JsonNode states, JsonNode startAt, Location at) {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        boolean hasTerminal = false;
        for (Map.Entry<String, JsonNode> entry : states.properties()) {
            String name = entry.getKey();
            JsonNode state = entry.getValue();
            List<String> targets = new ArrayList<>();
            edges.put(name, targets);
            if (!state.isObject()) {
                continue;
            }
            Location stateAt = at.child("States").child(name);
            hasTerminal |= isTerminal(state);
            target(states, state.get("Next"), stateAt.child("Next"), targets);
            target(states, state.get("Default"), stateAt.child("Default"), targets);
            for (String list : List.of("Choices", "Catch")) {
                JsonNode rules = state.get(list);
                if (rules != null && rules.isArray()) {
                    for (int i = 0; i < rules.size(); i++) {
                        JsonNode rule = rules.get(i);
                        if (rule.isObject()) {
                            target(states, rule.get("Next"), stateAt.child(list).index(i).child("Next"), targets);
                        }
                    }
                }
            }
        }
        if (!hasTerminal) {
            findings.error(DiagnosticCodes.MISSING_END_STATE, "No terminal state: no state has 'End': true "
                    + "or is of type Succeed or Fail", at.child("States"));
        }
        if (startAt == null || !startAt.isString()) {
            return;
        }
        if (!states.has(startAt.stringValue())) {
            findings.error(DiagnosticCodes.MISSING_TRANSITION_TARGET,
                    "Missing 'StartAt' target: " + startAt.stringValue(), at.child("StartAt"));
            return;
        }
        Set<String> reached = reachable(startAt.stringValue(), edges);
        for (String name : edges.keySet()) {
            if (!reached.contains(name)) {
                findings.error(DiagnosticCodes.UNREACHABLE_STATE, "State '" + name + "' is not reachable",
                        at.child("States").child(name));
            }
        }
    }

    private static boolean isTerminal(JsonNode state) {
        JsonNode end = state.get("End");
        JsonNode type = state.get("Type");
        Optional<StateType> known = type != null && type.isString() ? StateType.fromAslName(type.stringValue())
                : Optional.empty();
        return (end != null && end.isBoolean() && end.booleanValue())
                || known.filter(t -> t == StateType.SUCCEED || t == StateType.FAIL).isPresent();
    }

    private void target(JsonNode states, JsonNode next, Location at, List<String> targets) {
        if (next == null || !next.isString()) {
            return;
        }
        if (states.has(next.stringValue())) {
            targets.add(next.stringValue());
        } else {
            findings.error(DiagnosticCodes.MISSING_TRANSITION_TARGET,
                    "Missing '" + lastSegmentName(at) + "' target: " + next.stringValue(), at);
        }
    }

    private static String lastSegmentName(Location at) {
        String pointer = at.pointer();
        return pointer.substring(pointer.lastIndexOf('/') + 1);
    }

    private static Set<String> reachable(String start, Map<String, List<String>> edges) {
        Set<String> reached = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        pending.add(start);
        while (!pending.isEmpty()) {
            String name = pending.poll();
            if (reached.add(name)) {
                pending.addAll(edges.getOrDefault(name, List.of()));
            }
        }
        return reached;
    }
}
