package io.stepwise.asl.intrinsic;

import java.util.ArrayList;
import java.util.List;

import io.stepwise.asl.StatesError;
import io.stepwise.asl.jsonpath.JsonPath;
import io.stepwise.asl.jsonpath.JsonValues;
import io.stepwise.asl.jsonpath.PathResult;
import io.stepwise.asl.jsonpath.PathRoots;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Evaluates parsed intrinsic calls. Thread-safe if its {@link IntrinsicSources} are. Arguments are
 * evaluated left to right, innermost calls first; the result is a new node (or a node of the
 * input, which callers must not modify).
 */
public final class IntrinsicEvaluator {

    private final IntrinsicSources sources;

    public IntrinsicEvaluator(IntrinsicSources sources) {
        this.sources = sources;
    }

    /**
     * @throws StatesError States.Runtime when an argument has the wrong type or value, or a path
     *     argument matches nothing (see {@link IntrinsicFailures} for why not States.IntrinsicFailure)
     */
    public JsonNode evaluate(IntrinsicCall call, PathRoots roots) {
        List<JsonNode> values = new ArrayList<>(call.arguments().size());
        for (IntrinsicArgument argument : call.arguments()) {
            values.add(value(argument, roots));
        }
        Args args = new Args(call.function(), values);
        return switch (call.function()) {
            case FORMAT -> StringFunctions.format(args, template(call, args));
            case STRING_TO_JSON -> JsonFunctions.stringToJson(args);
            case JSON_TO_STRING -> JsonFunctions.jsonToString(args);
            case ARRAY -> ArrayFunctions.array(args);
            case ARRAY_PARTITION -> ArrayFunctions.partition(args);
            case ARRAY_CONTAINS -> ArrayFunctions.contains(args);
            case ARRAY_RANGE -> ArrayFunctions.range(args);
            case ARRAY_GET_ITEM -> ArrayFunctions.getItem(args);
            case ARRAY_LENGTH -> ArrayFunctions.length(args);
            case ARRAY_UNIQUE -> ArrayFunctions.unique(args);
            case BASE64_ENCODE -> EncodingFunctions.base64Encode(args);
            case BASE64_DECODE -> EncodingFunctions.base64Decode(args);
            case HASH -> EncodingFunctions.hash(args);
            case JSON_MERGE -> JsonFunctions.merge(args);
            case MATH_RANDOM -> MathFunctions.random(args, sources.random());
            case MATH_ADD -> MathFunctions.add(args);
            case STRING_SPLIT -> StringFunctions.split(args);
            case UUID -> JsonNodeFactory.instance.stringNode(sources.uuids().get().toString());
        };
    }

    /** Parses and evaluates in one step (parsing is cached). */
    public JsonNode evaluate(String call, PathRoots roots) {
        return evaluate(IntrinsicParser.parse(call), roots);
    }

    /** A literal template keeps its escapes so that {@code \{} stays a brace, not half a placeholder. */
    private static String template(IntrinsicCall call, Args args) {
        if (call.arguments().getFirst() instanceof IntrinsicArgument.Text text) {
            return text.raw();
        }
        return args.string(0);
    }

    private JsonNode value(IntrinsicArgument argument, PathRoots roots) {
        return switch (argument) {
            case IntrinsicArgument.Text text -> JsonNodeFactory.instance.stringNode(text.value());
            case IntrinsicArgument.Literal literal -> literal.value();
            case IntrinsicArgument.Path path -> resolve(path.path(), roots);
            case IntrinsicCall nested -> evaluate(nested, roots);
        };
    }

    private static JsonNode resolve(JsonPath path, PathRoots roots) {
        return switch (path.evaluate(roots)) {
            case PathResult.Found found -> found.value();
            case PathResult.Missing missing -> throw IntrinsicFailures.pathNotFound(path.text(), renderedInput(roots));
        };
    }

    /** AWS quotes the state input in this cause, even for a {@code $$} path (the recorded cases show it). */
    private static String renderedInput(PathRoots roots) {
        return JsonValues.compact(roots.input());
    }
}
