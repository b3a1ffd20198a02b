package io.stepwise.engine;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.Json;
import io.stepwise.asl.StatesError;
import io.stepwise.asl.choice.ChoiceRule;
import io.stepwise.asl.choice.ChoiceRuleParser;
import io.stepwise.asl.intrinsic.IntrinsicEvaluator;
import io.stepwise.asl.intrinsic.IntrinsicParser;
import io.stepwise.asl.intrinsic.IntrinsicSources;
import io.stepwise.asl.jsonata.ExpectedType;
import io.stepwise.asl.jsonata.JsonataBindings;
import io.stepwise.asl.jsonata.JsonataEvaluator;
import io.stepwise.asl.jsonata.JsonataSources;
import io.stepwise.asl.jsonpath.InputOutputPaths;
import io.stepwise.asl.jsonpath.JsonPath;
import io.stepwise.asl.jsonpath.PathRoots;
import io.stepwise.asl.jsonpath.ResultPaths;
import io.stepwise.asl.model.Catcher;
import io.stepwise.asl.model.ChoiceState;
import io.stepwise.asl.model.Common;
import io.stepwise.asl.model.FailState;
import io.stepwise.asl.model.MapState;
import io.stepwise.asl.model.ParallelState;
import io.stepwise.asl.model.PassState;
import io.stepwise.asl.model.Recoverable;
import io.stepwise.asl.model.SucceedState;
import io.stepwise.asl.model.TaskState;
import io.stepwise.asl.model.WaitState;
import io.stepwise.asl.payload.PayloadTemplate;
import io.stepwise.engine.Inspection.Field;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How data flows through each state type, in both query languages: input selection, parameters,
 * results, output, and variable assignment. Pure, thread-safe; parsed templates and rules are cached
 * by the identity of the definition node they come from, so each is compiled once per definition.
 */
public final class StateData {

    private final IntrinsicEvaluator intrinsics;
    private final JsonataEvaluator jsonata;
    private final Map<Identity, PayloadTemplate> templates;
    private final Map<Identity, ChoiceRule> rules;
    /** Null except in a {@link StateTester} run: see {@link #inspecting}. */
    private final Inspection inspection;

    public StateData(IntrinsicEvaluator intrinsics, JsonataEvaluator jsonata) {
        this(intrinsics, jsonata, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), null);
    }

    /**
     * The data flow with its evaluators wired to one clock and one random source ({@code States.UUID},
     * {@code $random()}, {@code $now()}): how the engine, the local runner and TestState all build it.
     */
    public static StateData of(Clock clock, RandomGenerator random) {
        var intrinsics = new IntrinsicEvaluator(new IntrinsicSources(random, UUID::randomUUID));
        var jsonata = new JsonataEvaluator(new JsonataSources(clock, random::nextDouble, UUID::randomUUID));
        return new StateData(intrinsics, jsonata);
    }

    private StateData(IntrinsicEvaluator intrinsics, JsonataEvaluator jsonata, Map<Identity, PayloadTemplate> templates,
            Map<Identity, ChoiceRule> rules, Inspection inspection) {
        this.intrinsics = intrinsics;
        this.jsonata = jsonata;
        this.templates = templates;
        this.rules = rules;
        this.inspection = inspection;
    }

    /**
     * The same data flow, also reporting its intermediate values to {@code recorder}. A separate
     * instance (sharing the caches) keeps the recorder out of every signature and out of the engine.
     */
    StateData inspecting(Inspection recorder) {
        return new StateData(intrinsics, jsonata, templates, rules, recorder);
    }

    private void inspect(Field field, JsonNode value) {
        Inspection.record(inspection, field, value);
    }

    record Result(JsonNode output, Map<String, JsonNode> variables) {
    }

    record Choice(String next, JsonNode output, Map<String, JsonNode> variables) {
    }

    record Failure(String error, String cause) {
    }

    record WaitUntil(Instant until, JsonNode output, Map<String, JsonNode> variables) {
    }

    record TaskCall(JsonNode input, Long timeoutSeconds, Long heartbeatSeconds) {
    }

    record Children(List<Outcome.Child> children, int maxConcurrency, Outcome.Tolerance tolerance) {
    }

    // ---- Pass, Succeed, Fail, Choice, Wait

    Result pass(PassState pass, JsonNode input, ObjectNode context, Map<String, JsonNode> variables) {
        Common c = pass.common();
        if (c.isJsonata()) {
            JsonataBindings bindings = JsonataBindings.of(input, context, variables);
            JsonNode output = c.output() == null ? input : jsonata.evaluateTemplate(c.output(), "Output", bindings);
            return new Result(output, assignJsonata(c.assign(), bindings, variables));
        }
        JsonNode effective = InputOutputPaths.apply(c.inputPath(), roots(input, context, variables));
        JsonNode result;
        if (pass.result() != null) {
            // AWS reports neither InputPath nor Parameters for a Pass with a fixed Result
            result = pass.result();
            inspect(Field.RESULT, result);
        } else {
            inspect(Field.AFTER_INPUT_PATH, effective);
            result = pass.parameters() != null ? template(pass.parameters(), roots(effective, context, variables))
                    : effective;
            inspect(Field.AFTER_PARAMETERS, result);
        }
        inspect(Field.AFTER_RESULT_SELECTOR, result);
        JsonNode merged = ResultPaths.merge(pass.resultPath(), input, result);
        inspect(Field.AFTER_RESULT_PATH, merged);
        Map<String, JsonNode> assigned = assignJsonPath(c.assign(), roots(result, context, variables), variables);
        return new Result(InputOutputPaths.apply(c.outputPath(), roots(merged, context, variables)), assigned);
    }

    JsonNode succeed(SucceedState succeed, JsonNode input, ObjectNode context, Map<String, JsonNode> variables) {
        Common c = succeed.common();
        if (c.isJsonata()) {
            return c.output() == null ? input
                    : jsonata.evaluateTemplate(c.output(), "Output", JsonataBindings.of(input, context, variables));
        }
        JsonNode effective = InputOutputPaths.apply(c.inputPath(), roots(input, context, variables));
        inspect(Field.AFTER_INPUT_PATH, effective);
        return InputOutputPaths.apply(c.outputPath(), roots(effective, context, variables));
    }

    Failure fail(FailState fail, JsonNode input, ObjectNode context, Map<String, JsonNode> variables) {
        if (fail.common().isJsonata()) {
            JsonataBindings bindings = JsonataBindings.of(input, context, variables);
            return new Failure(jsonataText(fail.error(), "Error", bindings), jsonataText(fail.cause(), "Cause", bindings));
        }
        // Fail has no InputPath, yet AWS reports the input as afterInputPath
        inspect(Field.AFTER_INPUT_PATH, input);
        PathRoots roots = roots(input, context, variables);
        String error = fail.errorPath() != null ? pathOrIntrinsicText(fail.errorPath(), roots)
                : fail.error() == null ? null : fail.error().asString();
        String cause = fail.causePath() != null ? pathOrIntrinsicText(fail.causePath(), roots)
                : fail.cause() == null ? null : fail.cause().asString();
        return new Failure(error, cause);
    }

    Choice choose(ChoiceState choice, JsonNode input, ObjectNode context, Map<String, JsonNode> variables) {
        Common c = choice.common();
        if (c.isJsonata()) {
            JsonataBindings bindings = JsonataBindings.of(input, context, variables);
            for (ChoiceState.ChoiceBranch branch : choice.choices()) {
                JsonNode condition = jsonata.evaluateTemplate(branch.rule().get("Condition"), "Condition",
                        ExpectedType.BOOLEAN, bindings);
                if (condition.asBoolean()) {
                    return jsonataChoice(branch.next(), branch.output() != null ? branch.output() : c.output(),
                            branch.assign() != null ? branch.assign() : c.assign(), input, bindings, variables);
                }
            }
            requireDefault(choice);
            return jsonataChoice(choice.defaultState(), c.output(), c.assign(), input, bindings, variables);
        }
        PathRoots roots = roots(input, context, variables);
        JsonNode effective = InputOutputPaths.apply(c.inputPath(), roots);
        PathRoots effectiveRoots = roots.withInput(effective);
        inspect(Field.AFTER_INPUT_PATH, effective);
        for (ChoiceState.ChoiceBranch branch : choice.choices()) {
            ChoiceRule rule = rules.computeIfAbsent(new Identity(branch.rule()),
                    key -> ChoiceRuleParser.parse(branch.rule()));
            if (rule.matches(path -> JsonPath.parse(path).select(effectiveRoots))) {
                JsonNode output = InputOutputPaths.apply(c.outputPath(), effectiveRoots);
                return new Choice(branch.next(), output, assignJsonPath(
                        branch.assign() != null ? branch.assign() : c.assign(), effectiveRoots, variables));
            }
        }
        requireDefault(choice);
        return new Choice(choice.defaultState(), InputOutputPaths.apply(c.outputPath(), effectiveRoots),
                assignJsonPath(c.assign(), effectiveRoots, variables));
    }

    private Choice jsonataChoice(String next, JsonNode outputTemplate, JsonNode assign, JsonNode input,
            JsonataBindings bindings, Map<String, JsonNode> variables) {
        JsonNode output = outputTemplate == null ? input : jsonata.evaluateTemplate(outputTemplate, "Output", bindings);
        return new Choice(next, output, assignJsonata(assign, bindings, variables));
    }

    private static void requireDefault(ChoiceState choice) {
        if (choice.defaultState() == null) {
            throw new StatesError(ErrorNames.NO_CHOICE_MATCHED, "No Matches!");
        }
    }

    WaitUntil waitUntil(WaitState wait, JsonNode input, ObjectNode context, Map<String, JsonNode> variables,
            Instant now) {
        Common c = wait.common();
        if (c.isJsonata()) {
            JsonataBindings bindings = JsonataBindings.of(input, context, variables);
            Instant until;
            if (wait.seconds() != null) {
                JsonNode seconds = jsonata.evaluateTemplate(wait.seconds(), "Seconds", ExpectedType.NUMBER, bindings);
                until = now.plusSeconds(nonNegativeSeconds(seconds, "Seconds"));
            } else {
                JsonNode timestamp = jsonata.evaluateTemplate(wait.timestamp(), "Timestamp", ExpectedType.STRING,
                        bindings);
                try {
                    until = OffsetDateTime.parse(timestamp.asString()).toInstant();
                } catch (DateTimeParseException e) {
                    throw new StatesError(ErrorNames.QUERY_EVALUATION_ERROR, "The Timestamp field cannot be parsed as "
                            + "an ISO-8601 extended offset date-time format string: " + timestamp.asString());
                }
            }
            JsonNode output = c.output() == null ? input : jsonata.evaluateTemplate(c.output(), "Output", bindings);
            return new WaitUntil(until, output, assignJsonata(c.assign(), bindings, variables));
        }
        PathRoots roots = roots(input, context, variables);
        JsonNode effective = InputOutputPaths.apply(c.inputPath(), roots);
        PathRoots effectiveRoots = roots.withInput(effective);
        inspect(Field.AFTER_INPUT_PATH, effective);
        Instant until;
        if (wait.seconds() != null) {
            until = now.plusSeconds(wait.seconds().asLong());
        } else if (wait.timestamp() != null) {
            until = timestamp(wait.timestamp().asString());
        } else if (wait.secondsPath() != null) {
            JsonNode seconds = JsonPath.parse(wait.secondsPath()).select(effectiveRoots).orElseThrow(() ->
                    StatesError.runtime("The SecondsPath parameter does not reference an input value: "
                            + wait.secondsPath()));
            if (!seconds.isIntegralNumber()) {
                throw StatesError.runtime("The SecondsPath parameter cannot be parsed as a long value: "
                        + wait.secondsPath() + " == " + Json.write(seconds));
            }
            if (seconds.asLong() < 0) {
                throw StatesError.runtime("The SecondsPath parameter references a negative value: "
                        + wait.secondsPath() + " == " + seconds.asLong());
            }
            until = now.plusSeconds(seconds.asLong());
        } else {
            JsonNode timestamp = JsonPath.parse(wait.timestampPath()).select(effectiveRoots).orElseThrow(() ->
                    StatesError.runtime("The TimestampPath parameter does not reference an input value: "
                            + wait.timestampPath()));
            String text = timestamp.isString() ? timestamp.asString() : Json.write(timestamp);
            try {
                until = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw StatesError.runtime("The TimestampPath parameter does not reference a valid ISO-8601 "
                        + "extended offset date-time format string: " + wait.timestampPath() + " == " + text);
            }
        }
        JsonNode output = InputOutputPaths.apply(c.outputPath(), effectiveRoots);
        return new WaitUntil(until, output, assignJsonPath(c.assign(), effectiveRoots, variables));
    }

    private static int integer(JsonNode value, String field, String path) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw StatesError.runtime("The " + field + " field refers to value \"" + (value.isString() ? value.asString()
                    : Json.write(value)) + "\" which is not a valid integer: " + path);
        }
        return value.asInt();
    }

    private static long nonNegativeSeconds(JsonNode seconds, String field) {
        if (!seconds.isIntegralNumber() || seconds.asLong() < 0) {
            throw StatesError.runtime("The " + field + " parameter cannot be negative or a non-integer: " + seconds);
        }
        return seconds.asLong();
    }

    private static Instant timestamp(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw StatesError.runtime("The Timestamp parameter does not reference a valid ISO-8601 extended offset "
                    + "date-time format string: " + text);
        }
    }

    // ---- Task, Parallel, Map: input side

    TaskCall taskCall(TaskState task, JsonNode input, ObjectNode context, Map<String, JsonNode> variables) {
        Common c = task.common();
        if (c.isJsonata()) {
            JsonataBindings bindings = JsonataBindings.of(input, context, variables);
            JsonNode arguments = task.parameters() == null ? input
                    : jsonata.evaluateTemplate(task.parameters(), "Arguments", bindings);
            inspect(Field.AFTER_ARGUMENTS, arguments);
            return new TaskCall(arguments, jsonataSeconds(task.timeoutSeconds(), "TimeoutSeconds", bindings),
                    jsonataSeconds(task.heartbeatSeconds(), "HeartbeatSeconds", bindings));
        }
        PathRoots roots = roots(input, context, variables);
        JsonNode effective = InputOutputPaths.apply(c.inputPath(), roots);
        inspect(Field.AFTER_INPUT_PATH, effective);
        JsonNode parameters = task.parameters() == null ? effective
                : template(task.parameters(), roots.withInput(effective));
        inspect(Field.AFTER_PARAMETERS, parameters);
        Long timeout = task.timeoutSecondsPath() != null ? Long.valueOf(select(task.timeoutSecondsPath(), roots).asLong())
                : task.timeoutSeconds() == null ? null : Long.valueOf(task.timeoutSeconds().asLong());
        Long heartbeat = task.heartbeatSecondsPath() != null
                ? Long.valueOf(select(task.heartbeatSecondsPath(), roots).asLong())
                : task.heartbeatSeconds() == null ? null : Long.valueOf(task.heartbeatSeconds().asLong());
        return new TaskCall(parameters, timeout, heartbeat);
    }

    Children branches(ParallelState parallel, JsonNode input, ObjectNode context, Map<String, JsonNode> variables) {
        JsonNode branchInput;
        if (parallel.common().isJsonata()) {
            branchInput = parallel.parameters() == null ? input : jsonata.evaluateTemplate(parallel.parameters(),
                    "Arguments", JsonataBindings.of(input, context, variables));
        } else {
            PathRoots roots = roots(input, context, variables);
            JsonNode effective = InputOutputPaths.apply(parallel.common().inputPath(), roots);
            branchInput = parallel.parameters() == null ? effective
                    : template(parallel.parameters(), roots.withInput(effective));
        }
        List<Outcome.Child> children = new ArrayList<>();
        for (int i = 0; i < parallel.branches().size(); i++) {
            children.add(new Outcome.Child(i, branchInput, null));
        }
        return new Children(children, 0, Outcome.Tolerance.NONE);
    }

    Children items(MapState map, JsonNode input, ObjectNode context, Map<String, JsonNode> variables) {
        return items(map, input, context, variables, null);
    }

    /** @param readItems the items an ItemReader produced, which replace ItemsPath/Items; null for none */
    Children items(MapState map, JsonNode input, ObjectNode context, Map<String, JsonNode> variables,
            JsonNode readItems) {
        if (map.common().isJsonata()) {
            return jsonataItems(map, input, context, variables, readItems);
        }
        PathRoots roots = roots(input, context, variables);
        JsonNode effective = InputOutputPaths.apply(map.common().inputPath(), roots);
        inspect(Field.AFTER_INPUT_PATH, effective);
        PathRoots effectiveRoots = roots.withInput(effective);
        JsonNode items = readItems != null ? readItems
                : map.itemsPath() == null ? effective : select(map.itemsPath(), effectiveRoots);
        if (!items.isArray()) {
            // AWS names a context path ($$...) relative to the context object: "$$" shows as "$"
            String path = map.itemsPath() == null ? "$" : map.itemsPath().replaceFirst("^\\$\\$", "\\$");
            throw StatesError.runtime("Reference path \"" + path + "\" must point to array.");
        }
        inspect(Field.AFTER_ITEMS_PATH, items);
        List<Outcome.Child> children = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = ContextObjects.mapItem(i, items.get(i));
            JsonNode childInput = items.get(i);
            if (map.itemSelector() != null) {
                ObjectNode itemContext = itemContext(context, item);
                childInput = template(map.itemSelector(), new PathRoots(effective, itemContext, variables));
            }
            children.add(new Outcome.Child(0, childInput, item));
        }
        int maxConcurrency = map.maxConcurrencyPath() != null
                ? integer(select(map.maxConcurrencyPath(), effectiveRoots), "MaxConcurrencyPath", map.maxConcurrencyPath())
                : map.maxConcurrency() == null ? 0 : map.maxConcurrency().asInt();
        Integer count = map.toleratedFailureCountPath() != null
                ? Integer.valueOf(integer(select(map.toleratedFailureCountPath(), effectiveRoots),
                        "ToleratedFailureCountPath", map.toleratedFailureCountPath()))
                : map.toleratedFailureCount() == null ? null : Integer.valueOf(map.toleratedFailureCount().asInt());
        Double percentage = map.toleratedFailurePercentagePath() != null
                ? Double.valueOf(select(map.toleratedFailurePercentagePath(), effectiveRoots).asDouble())
                : map.toleratedFailurePercentage() == null ? null
                : Double.valueOf(map.toleratedFailurePercentage().asDouble());
        return new Children(children, maxConcurrency, new Outcome.Tolerance(count, percentage));
    }

    /**
     * The context object of one Map item: a shallow copy with its own Map part. A deep copy per item
     * copied the execution's input (which holds every item) once per item, O(n²) for a Map of n items;
     * nothing changes the shared parts, and the child's input is written out before the next item.
     */
    private static ObjectNode itemContext(ObjectNode context, JsonNode item) {
        ObjectNode itemContext = Json.NODES.objectNode();
        itemContext.setAll(context);
        itemContext.putObject("Map").set("Item", item);
        return itemContext;
    }

    private Children jsonataItems(MapState map, JsonNode input, ObjectNode context, Map<String, JsonNode> variables,
            JsonNode readItems) {
        JsonataBindings bindings = JsonataBindings.of(input, context, variables);
        JsonNode items = readItems != null ? readItems : map.items() == null ? input
                : jsonata.evaluateTemplate(map.items(), "Items", ExpectedType.ARRAY, bindings);
        if (!items.isArray()) {
            throw new StatesError(ErrorNames.QUERY_EVALUATION_ERROR,
                    "Map state input must be an array but was: " + Json.write(items));
        }
        List<Outcome.Child> children = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = ContextObjects.mapItem(i, items.get(i));
            JsonNode childInput = items.get(i);
            if (map.itemSelector() != null) {
                ObjectNode itemContext = itemContext(context, item);
                childInput = jsonata.evaluateTemplate(map.itemSelector(), "ItemSelector",
                        JsonataBindings.of(input, itemContext, variables));
            }
            children.add(new Outcome.Child(0, childInput, item));
        }
        Long maxConcurrency = jsonataSeconds(map.maxConcurrency(), "MaxConcurrency", bindings);
        Long count = jsonataSeconds(map.toleratedFailureCount(), "ToleratedFailureCount", bindings);
        JsonNode percentage = map.toleratedFailurePercentage() == null ? null
                : jsonata.evaluateTemplate(map.toleratedFailurePercentage(), "ToleratedFailurePercentage",
                        ExpectedType.NUMBER, bindings);
        return new Children(children, maxConcurrency == null ? 0 : maxConcurrency.intValue(),
                new Outcome.Tolerance(count == null ? null : count.intValue(),
                        percentage == null ? null : percentage.asDouble()));
    }

    // ---- Task, Parallel, Map: result side

    Result afterWork(Recoverable state, JsonNode stateInput, JsonNode result, ObjectNode context,
            Map<String, JsonNode> variables) {
        Common c = state.common();
        if (c.isJsonata()) {
            JsonataBindings bindings = JsonataBindings.of(stateInput, context, variables).withResult(result);
            JsonNode output = c.output() == null ? result : jsonata.evaluateTemplate(c.output(), "Output", bindings);
            return new Result(output, assignJsonata(c.assign(), bindings, variables));
        }
        JsonNode selected = state.resultSelector() == null ? result
                : template(state.resultSelector(), roots(result, context, variables));
        inspect(Field.AFTER_RESULT_SELECTOR, selected);
        JsonNode merged = ResultPaths.merge(state.resultPath(), stateInput, selected);
        inspect(Field.AFTER_RESULT_PATH, merged);
        Map<String, JsonNode> assigned = assignJsonPath(c.assign(), roots(selected, context, variables), variables);
        return new Result(InputOutputPaths.apply(c.outputPath(), roots(merged, context, variables)), assigned);
    }

    Result caught(Recoverable state, Catcher catcher, JsonNode stateInput, JsonNode errorOutput, ObjectNode context,
            Map<String, JsonNode> variables) {
        if (state.common().isJsonata()) {
            JsonataBindings bindings = JsonataBindings.of(stateInput, context, variables).withErrorOutput(errorOutput);
            JsonNode output = catcher.output() == null ? errorOutput
                    : jsonata.evaluateTemplate(catcher.output(), "Output", bindings);
            return new Result(output, assignJsonata(catcher.assign(), bindings, variables));
        }
        JsonNode output = ResultPaths.merge(catcher.resultPath(), stateInput, errorOutput);
        return new Result(output, assignJsonPath(catcher.assign(), roots(errorOutput, context, variables), variables));
    }

    // ---- helpers

    private JsonNode template(JsonNode template, PathRoots roots) {
        return templates.computeIfAbsent(new Identity(template), key -> PayloadTemplate.compile(template))
                .apply(roots, intrinsics);
    }

    private Map<String, JsonNode> assignJsonPath(JsonNode assign, PathRoots roots, Map<String, JsonNode> variables) {
        if (assign == null) {
            return variables;
        }
        return withAssigned(variables, template(assign, roots));
    }

    private Map<String, JsonNode> assignJsonata(JsonNode assign, JsonataBindings bindings,
            Map<String, JsonNode> variables) {
        if (assign == null) {
            return variables;
        }
        return withAssigned(variables, jsonata.evaluateTemplate(assign, "Assign", bindings));
    }

    private static Map<String, JsonNode> withAssigned(Map<String, JsonNode> variables, JsonNode assigned) {
        Map<String, JsonNode> next = new HashMap<>(variables);
        assigned.properties().forEach(e -> next.put(e.getKey(), e.getValue()));
        return next;
    }

    private Long jsonataSeconds(JsonNode value, String field, JsonataBindings bindings) {
        if (value == null) {
            return null;
        }
        JsonNode evaluated = jsonata.evaluateTemplate(value, field, ExpectedType.NUMBER, bindings);
        return evaluated.asLong();
    }

    private String jsonataText(JsonNode value, String field, JsonataBindings bindings) {
        if (value == null) {
            return null;
        }
        JsonNode evaluated = jsonata.evaluateTemplate(value, field, bindings);
        return evaluated.isString() ? evaluated.asString() : Json.write(evaluated);
    }

    private String pathOrIntrinsicText(String expression, PathRoots roots) {
        JsonNode value = IntrinsicParser.looksLikeCall(expression) ? intrinsics.evaluate(expression, roots)
                : select(expression, roots);
        return value.isString() ? value.asString() : Json.write(value);
    }

    private static JsonNode select(String path, PathRoots roots) {
        return InputOutputPaths.apply(path, roots);
    }

    private static PathRoots roots(JsonNode input, ObjectNode context, Map<String, JsonNode> variables) {
        return new PathRoots(input, context, variables);
    }

    /** Definition nodes are immutable and live as long as their parsed machine: key caches by identity. */
    private record Identity(JsonNode node) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity i && i.node == node;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(node);
        }
    }
}
