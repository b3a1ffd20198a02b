package io.stepwise.bench;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts SQL literals in place of a named statement's {@code :name} parameters, so that EXPLAIN can run the
 * statement as text on a plain connection (the service binds them through Spring's JdbcClient instead).
 */
final class NamedParameters {

    /** {@code :name}, but not the second colon of a {@code ::type} cast nor a colon inside a word. */
    private static final Pattern PARAM = Pattern.compile("(?<![:\\w]):([a-zA-Z][a-zA-Z0-9]*)");

    private NamedParameters() {
    }

    static String inline(String sql, Map<String, String> literals) {
        Matcher m = PARAM.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String literal = literals.get(m.group(1));
            if (literal == null) {
                throw new IllegalArgumentException("no literal for :" + m.group(1) + " in " + sql);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(literal));
        }
        m.appendTail(out);
        return out.toString();
    }
}
