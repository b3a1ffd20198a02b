package io.stepwise.asl.validation;

import io.stepwise.asl.intrinsic.IntrinsicParser;
import io.stepwise.asl.intrinsic.IntrinsicSyntaxException;
import io.stepwise.asl.validation.JsonPathSyntax.Roots;

/**
 * The values JSONPath states compute at run time: a path or an intrinsic function call, as found under
 * ".$" keys, in ErrorPath/CausePath and (paths only) in the *Path fields.
 */
final class DynamicValues {

    private static final String INTRINSIC_PREFIX = "States.";

    private DynamicValues() {
    }

    static boolean isPathOrIntrinsic(String text) {
        return text.startsWith(INTRINSIC_PREFIX) ? isIntrinsicCall(text) : JsonPathSyntax.isPath(text, Roots.ANY);
    }

    static boolean isIntrinsicCall(String text) {
        try {
            IntrinsicParser.parse(text);
            return true;
        } catch (IntrinsicSyntaxException e) {
            return false;
        }
    }

    /** What a value under a key without ".$" looks like when its author probably forgot the suffix. */
    static boolean looksDynamic(String text) {
        return text.startsWith("$.") || text.startsWith("$$.")
                || (text.startsWith(INTRINSIC_PREFIX) && text.endsWith(")") && text.indexOf('(') > 0);
    }
}
