package io.stepwise.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The named SQL statements of {@code db/queries/*.sql}, one file per table beside the migrations. A
 * statement starts at a {@code -- name: X} line and runs to the next one. No SQL lives in Java strings,
 * so every statement can be read, reviewed and EXPLAINed where its table is defined.
 *
 * <p>Every {@code .sql} file under {@code db/queries/} is loaded, found on the class path (a directory
 * in tests, {@code BOOT-INF/classes} inside the packaged jar; Spring's resolver reads both), so a new
 * file needs no list kept by hand. A name defined twice, in one file or in two, stops the loading.
 * SqlStatementsTest checks that every name the code asks for exists and every statement is asked for.
 */
final class SqlStatements {

    static final String LOCATION = "classpath*:db/queries/*.sql";
    private static final Map<String, String> STATEMENTS = load(LOCATION);

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

    /** The statements of every file matching {@code pattern} (a Spring resource pattern). */
    static Map<String, String> load(String pattern) {
        Resource[] files;
        try {
            files = new PathMatchingResourcePatternResolver(SqlStatements.class.getClassLoader()).getResources(pattern);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + pattern, e);
        }
        if (files.length == 0) {
            throw new IllegalStateException("no SQL files at " + pattern);
        }
        Map<String, String> statements = new HashMap<>();
        Map<String, String> fileOf = new HashMap<>();
        for (Resource file : files) {
            parse(read(file)).forEach((name, sql) -> {
                String earlier = fileOf.putIfAbsent(name, file.getFilename());
                if (earlier != null) {
                    throw new IllegalStateException("SQL statement " + name + " is defined in both " + earlier
                            + " and " + file.getFilename());
                }
                statements.put(name, sql);
            });
        }
        return statements;
    }

    /** One file's statements by name; comment lines are left out and a trailing semicolon dropped. */
    static Map<String, String> parse(String text) {
        Map<String, String> statements = new LinkedHashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("-- name:")) {
                put(name, body, statements);
                name = trimmed.substring("-- name:".length()).strip();
                body.setLength(0);
            } else if (name != null && !trimmed.startsWith("--")) {
                body.append(line).append('\n');
            }
        }
        put(name, body, statements);
        return statements;
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

    private static String read(Resource file) {
        try (InputStream in = file.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getDescription(), e);
        }
    }
}
