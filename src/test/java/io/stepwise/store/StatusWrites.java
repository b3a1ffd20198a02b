package io.stepwise.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what one named SQL statement writes into a status column: the table, the new status (named in
 * the SQL, or an expression whose value Java binds) and the statuses its guard lets through. Not a SQL
 * parser: it knows the shapes db/queries uses (INSERT … VALUES/SELECT, UPDATE … SET … [FROM] WHERE with
 * {@code status = 'X'} or {@code status IN (…)} conditions joined by AND) and calls anything else
 * unreadable, naming the statement, so a new shape fails StatusRulesTest instead of passing unchecked.
 */
final class StatusWrites {

    /** The tables with a status column; writes to other tables are not read. */
    static final Set<String> TABLES = Set.of("step", "execution");

    enum Kind { INSERT, UPDATE }

    /**
     * @param status the new status when the SQL names it, else null
     * @param bound the expression the new status comes from when Java binds it ({@code :status},
     *     {@code t.status} of an unnested array), else null
     * @param guard the statuses a row must have for the write to touch it; null when nothing in the
     *     statement's text says
     */
    record Write(String statement, Kind kind, String table, String status, String bound, Set<String> guard) {
    }

    /** A statement whose status write this reader cannot follow. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String statement, String why) {
            super(statement + ": cannot read its status write (" + why + "); make the statement fit StatusWrites "
                    + "or teach StatusWrites the new shape");
        }
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern WRITE = Pattern.compile("\\b(?:INSERT\\s+INTO|UPDATE)\\s+(\\w+)", FLAGS);
    private static final Pattern INSERT = Pattern.compile(
            "\\bINSERT\\s+INTO\\s+(\\w+)(?:\\s+AS\\s+\\w+)?\\s*\\(", FLAGS);
    private static final Pattern UPDATE = Pattern.compile(
            "\\bUPDATE\\s+(\\w+)(?:\\s+(?:AS\\s+)?(\\w+))?\\s+SET\\b", FLAGS);
    private static final Pattern CONFLICT_UPDATE = Pattern.compile("\\bON\\s+CONFLICT\\b.*\\bDO\\s+UPDATE\\b", FLAGS);
    private static final Pattern ASSIGNMENT = Pattern.compile("\\s*(\\w+)\\s*=\\s*(.+?)\\s*", FLAGS);
    private static final Pattern LITERAL = Pattern.compile("'(\\w+)'");
    private static final Pattern BOUND = Pattern.compile(":\\w+|\\w+\\.\\w+");
    private static final Pattern STATUS = Pattern.compile("\\b(?:(\\w+)\\.)?status\\b", FLAGS);
    private static final Pattern CONDITION = Pattern.compile(
            "(?:\\w+\\.)?status\\s*(?:=\\s*'(\\w+)'|IN\\s*\\(\\s*('\\w+'(?:\\s*,\\s*'\\w+')*)\\s*\\))", FLAGS);
    private static final Pattern SUBQUERY = Pattern.compile(
            "\\s*SELECT\\b.*?\\bFROM\\s+(\\w+)(?:\\s+(?:AS\\s+)?(?!(?:WHERE|ORDER|LIMIT|FOR|JOIN|GROUP)\\b)(\\w+))?",
            FLAGS);
    private static final Pattern SOURCE = Pattern.compile("\\s*(VALUES\\s*\\(|SELECT\\b)", FLAGS);
    private static final Pattern SET_END = keyword("FROM|WHERE|RETURNING");
    private static final Pattern FROM = keyword("FROM");
    private static final Pattern WHERE = keyword("WHERE");
    private static final Pattern RETURNING = keyword("RETURNING");
    private static final Pattern OR = keyword("OR");
    private static final Pattern JOIN = keyword("JOIN");
    private static final Pattern FOR_UPDATE = keyword("FOR\\s+UPDATE");

    private StatusWrites() {
    }

    /** @return empty when the statement writes no status */
    static Optional<Write> read(String statement, String sql) {
        Text text = new Text(statement, sql);
        List<MatchResult> writes = text.findAll(WRITE, 0, sql.length()).stream()
                .filter(m -> TABLES.contains(m.group(1).toLowerCase(Locale.ROOT))).toList();
        if (writes.isEmpty()) {
            return Optional.empty();
        }
        if (writes.size() > 1 || text.depth[writes.getFirst().start()] != 0) {
            throw new Unreadable(statement, "writes a status table more than once or inside a subquery or CTE");
        }
        return writes.getFirst().group().regionMatches(true, 0, "INSERT", 0, 6) ? insert(text) : update(text);
    }

    private static Optional<Write> insert(Text text) {
        MatchResult head = text.findTopLevel(INSERT, 0, text.sql.length());
        if (head == null) {
            throw new Unreadable(text.statement, "an INSERT without a column list");
        }
        if (!text.findAll(CONFLICT_UPDATE, 0, text.sql.length()).isEmpty()) {
            throw new Unreadable(text.statement, "ON CONFLICT DO UPDATE");
        }
        int columnsEnd = text.closing(head.end() - 1);
        List<String> columns = text.split(head.end(), columnsEnd);
        int at = columns.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList().indexOf("status");
        if (at < 0) {
            throw new Unreadable(text.statement, "an INSERT that names no status column: its default would decide");
        }
        Matcher source = SOURCE.matcher(text.sql).region(columnsEnd + 1, text.sql.length());
        if (!source.lookingAt()) {
            throw new Unreadable(text.statement, "an INSERT that is neither VALUES (…) nor SELECT");
        }
        List<String> values;
        if (source.group(1).toUpperCase(Locale.ROOT).startsWith("VALUES")) {
            int valuesEnd = text.closing(source.end() - 1);
            if (text.sql.substring(valuesEnd + 1).strip().startsWith(",")) {
                throw new Unreadable(text.statement, "an INSERT of several VALUES rows");
            }
            values = text.split(source.end(), valuesEnd);
        } else {
            MatchResult from = text.findTopLevel(FROM, source.end(), text.sql.length());
            values = text.split(source.end(), from == null ? text.sql.length() : from.start());
        }
        if (values.size() != columns.size()) {
            throw new Unreadable(text.statement, columns.size() + " columns but " + values.size() + " values");
        }
        return Optional.of(write(text, Kind.INSERT, head.group(1), values.get(at), null));
    }

    private static Optional<Write> update(Text text) {
        MatchResult head = text.findTopLevel(UPDATE, 0, text.sql.length());
        if (head == null) {
            throw new Unreadable(text.statement, "an UPDATE whose target and SET this reader cannot find");
        }
        String table = head.group(1);
        String alias = head.group(2) == null ? table : head.group(2);
        MatchResult setEnd = text.findTopLevel(SET_END, head.end(), text.sql.length());
        int setListEnd = setEnd == null ? text.sql.length() : setEnd.start();
        String value = null;
        for (String item : text.split(head.end(), setListEnd)) {
            Matcher assignment = ASSIGNMENT.matcher(item);
            if (!assignment.matches()) {
                throw new Unreadable(text.statement, "the SET item '" + item + "'");
            }
            if (assignment.group(1).equalsIgnoreCase("status")) {
                value = assignment.group(2);
            }
        }
        if (value == null) {
            return Optional.empty();
        }
        MatchResult where = text.findTopLevel(WHERE, setListEnd, text.sql.length());
        if (where == null) {
            return Optional.of(write(text, Kind.UPDATE, table, value, null));
        }
        MatchResult returning = text.findTopLevel(RETURNING, where.end(), text.sql.length());
        return Optional.of(write(text, Kind.UPDATE, table, value,
                guard(text, table, alias, where.end(), returning == null ? text.sql.length() : returning.start())));
    }

    /**
     * The statuses the WHERE clause in [from, to) lets through: the conditions at its top level, and
     * those of a subquery over the same table that locks what it selects (FOR UPDATE), since the lock
     * re-checks them against the row's latest version. A subquery that does not lock read its rows
     * from a snapshot that a concurrent move may have outdated, so its conditions guard nothing.
     */
    private static Set<String> guard(Text text, String table, String alias, int from, int to) {
        if (!text.findAll(OR, from, to).isEmpty()) {
            throw new Unreadable(text.statement, "OR in the WHERE clause; guards are read as a conjunction");
        }
        Set<String> guard = null;
        for (MatchResult reference : text.findAll(STATUS, from, to)) {
            Matcher condition = CONDITION.matcher(text.sql).region(reference.start(), to);
            if (!condition.lookingAt()) {
                throw new Unreadable(text.statement, "the status condition at '"
                        + text.sql.substring(reference.start(), Math.min(to, reference.start() + 40)) + "'");
            }
            String qualifier = reference.group(1);
            boolean counts;
            if (text.depth[reference.start()] == text.depth[from]) {
                counts = true;
                if (qualifier != null && !qualifier.equalsIgnoreCase(alias)) {
                    throw new Unreadable(text.statement, "a status condition on " + qualifier + ", not " + alias);
                }
            } else {
                int open = text.sql.lastIndexOf('(', reference.start());
                while (text.depth[open] != text.depth[reference.start()] - 1 || text.quoted[open]) {
                    open = text.sql.lastIndexOf('(', open - 1);
                }
                int close = text.closing(open);
                Matcher subquery = SUBQUERY.matcher(text.sql).region(open + 1, close);
                if (!subquery.lookingAt() || !subquery.group(1).equalsIgnoreCase(table)
                        || text.findTopLevel(JOIN, open + 1, close) != null
                        || qualifier != null && !qualifier.equalsIgnoreCase(
                                subquery.group(2) == null ? table : subquery.group(2))) {
                    throw new Unreadable(text.statement, "a status condition in a subquery that is not over "
                            + table + " alone");
                }
                counts = text.findTopLevel(FOR_UPDATE, open + 1, close) != null;
            }
            if (counts) {
                Set<String> allowed = condition.group(1) != null ? Set.of(condition.group(1))
                        : new LinkedHashSet<>(List.of(condition.group(2).replace("'", "").split("\\s*,\\s*")));
                guard = guard == null ? new LinkedHashSet<>(allowed) : intersection(guard, allowed);
            }
        }
        return guard;
    }

    private static Write write(Text text, Kind kind, String table, String value, Set<String> guard) {
        String status = null;
        String bound = null;
        if (LITERAL.matcher(value).matches()) {
            status = value.substring(1, value.length() - 1);
        } else if (BOUND.matcher(value).matches()) {
            bound = value;
        } else {
            throw new Unreadable(text.statement, "the new status '" + value + "' is neither a literal nor bound");
        }
        return new Write(text.statement, kind, table.toLowerCase(Locale.ROOT), status, bound, guard);
    }

    private static Pattern keyword(String alternatives) {
        return Pattern.compile("\\b(?:" + alternatives + ")\\b", FLAGS);
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both;
    }

    /** The statement's text with, for every character, its parenthesis depth and whether it is quoted. */
    private static final class Text {
        final String statement;
        final String sql;
        final int[] depth;
        final boolean[] quoted;

        Text(String statement, String sql) {
            this.statement = statement;
            this.sql = sql;
            depth = new int[sql.length()];
            quoted = new boolean[sql.length()];
            int d = 0;
            boolean inQuote = false;
            for (int i = 0; i < sql.length(); i++) {
                char c = sql.charAt(i);
                if (!inQuote && sql.startsWith("--", i) || !inQuote && sql.startsWith("/*", i)) {
                    throw new Unreadable(statement, "a comment inside the statement");
                }
                if (c == '\'') {
                    inQuote = !inQuote;
                    quoted[i] = true;
                } else {
                    quoted[i] = inQuote;
                }
                if (!inQuote && c == ')') {
                    d--;
                }
                depth[i] = d;
                if (!inQuote && c == '(') {
                    d++;
                }
            }
            if (d != 0 || inQuote) {
                throw new Unreadable(statement, "unbalanced parentheses or quotes");
            }
        }

        /** Unquoted matches of {@code pattern} starting in [from, to). */
        List<MatchResult> findAll(Pattern pattern, int from, int to) {
            List<MatchResult> found = new ArrayList<>();
            Matcher m = pattern.matcher(sql).region(from, to);
            while (m.find()) {
                if (!quoted[m.start()]) {
                    found.add(m.toMatchResult());
                }
            }
            return found;
        }

        /** The first unquoted match in [from, to) at the depth of {@code from}, or null. */
        MatchResult findTopLevel(Pattern pattern, int from, int to) {
            int level = depth[Math.min(from, sql.length() - 1)];
            return findAll(pattern, from, to).stream().filter(m -> depth[m.start()] == level).findFirst().orElse(null);
        }

        /** The index of the parenthesis that closes the one at {@code open}. */
        int closing(int open) {
            for (int i = open + 1; i < sql.length(); i++) {
                if (sql.charAt(i) == ')' && !quoted[i] && depth[i] == depth[open]) {
                    return i;
                }
            }
            throw new Unreadable(statement, "unbalanced parentheses");
        }

        /** The comma-separated items of [from, to) at its own top level, trimmed. */
        List<String> split(int from, int to) {
            List<String> items = new ArrayList<>();
            int level = depth[from];
            int start = from;
            for (int i = from; i < to; i++) {
                if (sql.charAt(i) == ',' && !quoted[i] && depth[i] == level) {
                    items.add(sql.substring(start, i).strip());
                    start = i + 1;
                }
            }
            items.add(sql.substring(start, to).strip());
            return items;
        }
    }
}
