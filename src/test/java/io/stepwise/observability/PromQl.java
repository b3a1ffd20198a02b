package io.stepwise.observability;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL reading for the dashboard test: the metric names an expression selects, its
 * top-level operands of {@code and}/{@code or}/{@code unless}, and the same expression with every
 * comparison turned into a {@code bool} one (so a threshold no longer filters series away).
 */
final class PromQl {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "by", "without", "on",
            "ignoring", "group_left", "group_right", "offset", "inf", "nan", "atan2");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])([a-zA-Z_:][\\w:]*)(\\s*\\()?");
    private static final Pattern SET_OPERATOR = Pattern.compile("\\b(and|or|unless)\\b");
    private static final Pattern COMPARISON = Pattern.compile("(==|!=|>=|<=|>(?!=)|<(?!=))(?!\\s*bool\\b)");

    private PromQl() {
    }

    /** The metric names the expression selects (identifiers that are not functions, keywords or labels). */
    static Set<String> metricNames(String expr) {
        String bare = GROUPING.matcher(RANGE.matcher(MATCHERS.matcher(STRING.matcher(expr).replaceAll("\"\""))
                .replaceAll("")).replaceAll("")).replaceAll("");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            boolean function = m.group(2) != null;
            if (!function && !KEYWORDS.contains(m.group(1).toLowerCase())) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The operands of the set operators at the outermost level (the whole expression when there are none). */
    static List<String> topLevelOperands(String expr) {
        List<String> operands = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'') {
                i = expr.indexOf(c, i + 1);
                continue;
            }
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            } else if (depth == 0) {
                Matcher m = SET_OPERATOR.matcher(expr).region(i, expr.length());
                if (m.lookingAt() && (i == 0 || !Character.isLetterOrDigit(expr.charAt(i - 1)))) {
                    operands.add(expr.substring(start, i).trim());
                    i = m.end() - 1;
                    start = skipModifier(expr, m.end());
                    i = start - 1;
                }
            }
        }
        operands.add(expr.substring(start).trim());
        return operands;
    }

    /** Skips an {@code on (...)} or {@code ignoring (...)} after a set operator. */
    private static int skipModifier(String expr, int from) {
        Matcher m = Pattern.compile("\\s*(on|ignoring)\\s*\\([^)]*\\)").matcher(expr).region(from, expr.length());
        return m.lookingAt() ? m.end() : from;
    }

    /** {@code x > 300} becomes {@code x > bool 300}: every series of x is kept, valued 0 or 1. */
    static String withBoolComparisons(String expr) {
        String noStrings = STRING.matcher(expr).replaceAll(r -> "\"" + "#".repeat(r.group().length() - 2) + "\"");
        StringBuilder out = new StringBuilder();
        Matcher m = COMPARISON.matcher(noStrings);
        int last = 0;
        int depthBraces = 0;
        while (m.find()) {
            depthBraces = braceDepth(noStrings, m.start());
            out.append(expr, last, m.end());
            if (depthBraces == 0) {
                out.append(" bool");
            }
            last = m.end();
        }
        out.append(expr.substring(last));
        return out.toString();
    }

    private static int braceDepth(String text, int upTo) {
        int depth = 0;
        for (int i = 0; i < upTo; i++) {
            if (text.charAt(i) == '{') {
                depth++;
            } else if (text.charAt(i) == '}') {
                depth--;
            }
        }
        return depth;
    }
}
