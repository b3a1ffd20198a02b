package io.stepwise.asl.jsonpath;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;

/**
 * A parsed JSONPath in the dialect Step Functions accepts. Parse once with {@link #parse}, which
 * caches, and evaluate as often as needed; instances are immutable and thread-safe.
 *
 * <p>Roots: {@code $} is the data, {@code $$} the context object, and {@code $name} (a letter or
 * underscore after the dollar) the workflow variable {@code name}.
 *
 * <p>Results: {@link #evaluate} returns {@link PathResult.Found} or {@link PathResult.Missing} for a
 * definite path (a Reference Path: only names and single indexes), and always
 * {@code Found(ArrayNode)} for an indefinite one, so a wildcard or slice over a missing field yields
 * {@code []}, as on AWS. Values found are nodes of the evaluated tree, not copies: treat them as
 * read-only.
 */
public final class JsonPath {

    public enum Root { INPUT, CONTEXT, VARIABLE }

    private static final int CACHE_LIMIT = 10_000;
    private static final Map<String, JsonPath> CACHE = new ConcurrentHashMap<>();

    private final String text;
    private final Root root;
    private final String variable;
    private final List<Segment> segments;
    private final boolean definite;

    private JsonPath(String text, Root root, String variable, List<Segment> segments) {
        this.text = text;
        this.root = root;
        this.variable = variable;
        this.segments = segments;
        this.definite = isDefinite(segments);
    }

    /**
     * Parses {@code text}, reusing an earlier parse of the same string.
     *
     * @throws JsonPathSyntaxException when {@code text} is not a valid path
     */
    public static JsonPath parse(String text) {
        Objects.requireNonNull(text, "path");
        JsonPath cached = CACHE.get(text);
        if (cached != null) {
            return cached;
        }
        JsonPath parsed = parseUncached(text);
        if (CACHE.size() >= CACHE_LIMIT) {
            // Definitions hold a bounded set of paths; an overflowing cache means generated paths, not worth keeping.
            CACHE.clear();
        }
        CACHE.put(text, parsed);
        return parsed;
    }

    private static JsonPath parseUncached(String text) {
        if (!text.startsWith("$")) {
            throw new JsonPathSyntaxException(text, 0, "a path starts with '$'");
        }
        if (text.startsWith("$$")) {
            return new JsonPath(text, Root.CONTEXT, null, JsonPathParser.segments(text, 2));
        }
        if (text.length() > 1 && isVariableStart(text.charAt(1))) {
            int end = 2;
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                end++;
            }
            return new JsonPath(text, Root.VARIABLE, text.substring(1, end), JsonPathParser.segments(text, end));
        }
        return new JsonPath(text, Root.INPUT, null, JsonPathParser.segments(text, 1));
    }

    private static boolean isVariableStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isDefinite(List<Segment> segments) {
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            boolean mergedLeaf = segment instanceof Segment.Properties && i == segments.size() - 1;
            if (!segment.definite() && !mergedLeaf) {
                return false;
            }
        }
        return true;
    }

    public String text() {
        return text;
    }

    public Root root() {
        return root;
    }

    /** The variable name for a {@link Root#VARIABLE} path. */
    public Optional<String> variable() {
        return Optional.ofNullable(variable);
    }

    /** True for a Reference Path: no wildcard, filter, slice, union or recursive descent. */
    public boolean isDefinite() {
        return definite;
    }

    /** The path below its root in Jayway's bracket notation, e.g. {@code $['a'][0]}, as AWS quotes it. */
    public String normalized() {
        return PathEvaluator.normalized(segments);
    }

    List<Segment> segments() {
        return segments;
    }

    public PathResult evaluate(PathRoots roots) {
        JsonNode start = switch (root) {
            case INPUT -> roots.input();
            case CONTEXT -> roots.context();
            case VARIABLE -> roots.variables().get(variable);
        };
        if (start == null) {
            return new PathResult.Missing("Variable '" + variable + "' is not defined");
        }
        return evaluateFrom(start);
    }

    /** Evaluates the segments against {@code start}, whatever this path's root. */
    public PathResult evaluateFrom(JsonNode start) {
        if (definite) {
            return PathEvaluator.definite(start, segments);
        }
        return new PathResult.Found(PathEvaluator.all(start, segments, start));
    }

    /** The value found, or empty when a definite path misses (an indefinite path never does). */
    public Optional<JsonNode> select(PathRoots roots) {
        return evaluate(roots).found();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonPath path && path.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
