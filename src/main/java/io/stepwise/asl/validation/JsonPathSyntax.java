package io.stepwise.asl.validation;

import java.util.regex.Pattern;

/**
 * Syntax of the JSONPath expressions ASL accepts. A <em>path</em> may select many nodes (wildcards,
 * slices, unions, filters, deep scan); a <em>reference path</em> names exactly one node, using only
 * {@code .name}, {@code ['name']} and {@code [index]}. Paths start at the input ({@code $}), the
 * context object ({@code $$}) or a variable ({@code $name}).
 */
final class JsonPathSyntax {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern INTEGER_LIST = Pattern.compile("-?\\d+(\\s*,\\s*-?\\d+)+");
    private static final Pattern SLICE = Pattern.compile("(-?\\d+)?\\s*:\\s*(-?\\d+)?(\\s*:\\s*(-?\\d+)?)?");

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
        if (!text.startsWith("$")) {
            return false;
        }
        int i = 1;
        if (roots == Roots.ANY) {
            if (text.startsWith("$$")) {
                i = 2;
            } else {
                int end = i;
                while (end < text.length() && isVariableChar(text.charAt(end))) {
                    end++;
                }
                if (end > i && !VARIABLE_NAME.matcher(text.substring(i, end)).matches()) {
                    return false;
                }
                i = end;
            }
        }
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                i = dotSegment(text, i, referenceOnly);
            } else if (c == '[') {
                i = bracketSegment(text, i, referenceOnly);
            } else {
                return false;
            }
            if (i < 0) {
                return false;
            }
        }
        return true;
    }

    /** Returns the index after the segment, or -1 when it is malformed. */
    private static int dotSegment(String text, int start, boolean referenceOnly) {
        int i = start + 1;
        if (i < text.length() && text.charAt(i) == '.') {
            if (referenceOnly) {
                return -1;
            }
            i++;
            if (i < text.length() && text.charAt(i) == '[') {
                return bracketSegment(text, i, false);
            }
        }
        if (i < text.length() && text.charAt(i) == '*') {
            return referenceOnly ? -1 : i + 1;
        }
        int nameStart = i;
        while (i < text.length() && isNameChar(text.charAt(i))) {
            i++;
        }
        return i > nameStart ? i : -1;
    }

    private static int bracketSegment(String text, int start, boolean referenceOnly) {
        int close = matchingBracket(text, start);
        if (close < 0) {
            return -1;
        }
        String inner = text.substring(start + 1, close).trim();
        boolean ok;
        if (INTEGER.matcher(inner).matches() || isQuotedNames(inner, true)) {
            ok = true;
        } else if (inner.equals("*") || INTEGER_LIST.matcher(inner).matches()
                || (SLICE.matcher(inner).matches() && inner.contains(":")) || isQuotedNames(inner, false)
                || isParenthesised(inner.startsWith("?") ? inner.substring(1).trim() : inner)) {
            ok = !referenceOnly;
        } else {
            ok = false;
        }
        return ok ? close + 1 : -1;
    }

    /** Finds the ']' closing the '[' at start, skipping quoted text and nested brackets or parentheses. */
    private static int matchingBracket(String text, int start) {
        int depth = 0;
        char quote = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                depth--;
                if (depth == 0) {
                    return c == ']' ? i : -1;
                }
            }
        }
        return -1;
    }

    private static boolean isQuotedNames(String inner, boolean singleOnly) {
        int i = 0;
        int names = 0;
        while (i < inner.length()) {
            char quote = inner.charAt(i);
            if (quote != '\'' && quote != '"') {
                return false;
            }
            int j = i + 1;
            while (j < inner.length() && inner.charAt(j) != quote) {
                j += inner.charAt(j) == '\\' ? 2 : 1;
            }
            if (j >= inner.length()) {
                return false;
            }
            names++;
            i = j + 1;
            while (i < inner.length() && inner.charAt(i) == ' ') {
                i++;
            }
            if (i < inner.length()) {
                if (inner.charAt(i) != ',') {
                    return false;
                }
                i++;
                while (i < inner.length() && inner.charAt(i) == ' ') {
                    i++;
                }
                if (i >= inner.length()) {
                    return false;
                }
            }
        }
        return singleOnly ? names == 1 : names > 1;
    }

    private static boolean isParenthesised(String inner) {
        return inner.length() >= 2 && inner.startsWith("(") && inner.endsWith(")");
    }

    private static boolean isVariableChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Dot-notation names stop at the next segment; quotes, parentheses and blanks need bracket notation. */
    private static boolean isNameChar(char c) {
        return c != '.' && c != '[' && c != ']' && c != '(' && c != ')' && c != '\'' && c != '"'
                && !Character.isWhitespace(c) && c != '*';
    }
}
