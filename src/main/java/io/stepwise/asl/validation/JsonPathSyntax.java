package io.stepwise.asl.validation;

import io.stepwise.asl.jsonpath.JsonPath;
import io.stepwise.asl.jsonpath.JsonPathSyntaxException;

/**
 * Syntax of the JSONPath expressions ASL accepts, as the interpreter's own parser reads them: what
 * validates here is exactly what runs. A <em>path</em> may select many nodes (wildcards, slices,
 * unions, filters, deep scan); a <em>reference path</em> names exactly one node. Paths start at the
 * input ({@code $}), the context object ({@code $$}) or a variable ({@code $name}).
 */
final class JsonPathSyntax {

    /** Where a path may start besides the state input. */
    enum Roots {
        /** {@code $} only: ResultPath writes into the state's own data. */
        INPUT_ONLY,
        /** {@code $}, {@code $$} and {@code $variable}. */
        ANY
    }

    private JsonPathSyntax() {
    }

    static boolean isPath(String text, Roots roots) {
        return check(text, roots, false);
    }

    static boolean isReferencePath(String text, Roots roots) {
        return check(text, roots, true);
    }

    private static boolean check(String text, Roots roots, boolean referenceOnly) {
        try {
            JsonPath path = JsonPath.parse(text);
            boolean rootAllowed = roots == Roots.ANY || path.root() == JsonPath.Root.INPUT;
            return rootAllowed && (!referenceOnly || path.isDefinite());
        } catch (JsonPathSyntaxException e) {
            return false;
        }
    }
}
