package io.stepwise.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The named SQL statements of {@code db/queries/*.sql}, one file per table beside the migrations. A
 * statement starts at a {@code -- name: X} line and runs to the next one. No SQL lives in Java strings,
 * so every statement can be read, reviewed and EXPLAINed where its table is defined.
 */
final class SqlStatements {

    private static final List<String> FILES = List.of("state_machine", "execution", "step", "history",
            "leader_lease", "signal", "state_machine_browse", "execution_browse", "history_browse");
    private static final Map<String, String> STATEMENTS = loadAll();

    private SqlStatements() {
    }

    static String get(String name) {
        String sql = STATEMENTS.get(name);
        if (sql == null) {
            throw new IllegalArgumentException("no SQL statement named " + name);
        }
        return sql;
    }

    static Map<String, String> all() {
        return Map.copyOf(STATEMENTS);
    }

    private static Map<String, String> loadAll() {
        Map<String, String> statements = new HashMap<>();
        for (String file : FILES) {
            parse(read("db/queries/" + file + ".sql"), statements);
        }
        return statements;
    }

    static void parse(String text, Map<String, String> into) {
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("-- name:")) {
                put(name, body, into);
                name = trimmed.substring("-- name:".length()).strip();
                body.setLength(0);
            } else if (name != null && !trimmed.startsWith("--")) {
                body.append(line).append('\n');
            }
        }
        put(name, body, into);
    }

    private static void put(String name, StringBuilder body, Map<String, String> into) {
        if (name == null) {
            return;
        }
        String sql = body.toString().strip();
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1);
        }
        if (into.putIfAbsent(name, sql) != null) {
            throw new IllegalStateException("SQL statement " + name + " is defined twice");
        }
    }

    private static String read(String resource) {
        try (InputStream in = SqlStatements.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
