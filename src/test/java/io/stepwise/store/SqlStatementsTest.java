package io.stepwise.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SqlStatementsTest {

    /** Every call site, and the literal name it passes when it passes one. */
    static final Pattern CALL = Pattern.compile("SqlStatements\\.get\\(\\s*(?:\"(\\w+)\"\\s*\\))?");

    @Test
    void everyFileParsesIntoNamedStatementsWithoutComments() {
        Map<String, String> all = SqlStatements.all();
        assertThat(all).containsKeys("StepClaimReady", "StepDeleteLeased", "ExecutionInsertMany", "HistoryAppend",
                "StateMachineInsertNextVersion");
        assertThat(all.get("StepClaimReady")).contains("FOR UPDATE SKIP LOCKED").doesNotContain("--").doesNotEndWith(";");
    }

    /** job rows have no foreign key to their execution (V22): whatever deletes executions deletes them too. */
    @Test
    void everyStatementThatDeletesExecutionsDeletesTheirJobRows() throws IOException {
        Pattern deletesExecutions = Pattern.compile("DELETE\\s+FROM\\s+execution\\b", Pattern.CASE_INSENSITIVE);
        Pattern deletesJobs = Pattern.compile("DELETE\\s+FROM\\s+job\\b", Pattern.CASE_INSENSITIVE);
        List<String> deleting = SqlStatements.all().entrySet().stream()
                .filter(e -> deletesExecutions.matcher(e.getValue()).find()).map(Map.Entry::getKey).toList();
        assertThat(deleting).as("statements deleting executions").isNotEmpty();
        for (String name : deleting) {
            assertThat(deletesJobs.matcher(SqlStatements.get(name)).find()).as(name).isTrue();
        }
        try (Stream<Path> migrations = Files.list(Path.of("db/migration"))) {
            for (Path migration : migrations.toList()) {
                assertThat(deletesExecutions.matcher(Files.readString(migration)).find())
                        .as("%s deletes executions: it must delete their job rows as well", migration).isFalse();
            }
        }
    }

    @Test
    void everyFileUnderDbQueriesIsLoaded() throws IOException {
        // the loader finds files by pattern; this compares it with what is on disk, file by file
        try (Stream<Path> files = Files.list(Path.of("db/queries"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                assertThat(SqlStatements.all()).as(file.toString())
                        .containsAllEntriesOf(SqlStatements.parse(Files.readString(file)));
            }
        }
    }

    @Test
    void aNameDefinedTwiceIsRefused() {
        assertThatThrownBy(() -> SqlStatements.parse("-- name: A\nSELECT 1;\n-- name: A\nSELECT 2;"))
                .hasMessageContaining("defined twice");
    }

    @Test
    void aNameDefinedInTwoFilesIsRefused() {
        assertThatThrownBy(() -> SqlStatements.load("classpath*:sql-duplicates/*.sql"))
                .hasMessageMatching("SQL statement Same is defined in both [ab]\\.sql and [ab]\\.sql");
    }

    @Test
    void aLocationWithoutFilesIsRefused() {
        assertThatThrownBy(() -> SqlStatements.load("classpath*:no-such-directory/*.sql"))
                .hasMessageContaining("no SQL files");
    }

    @Test
    void everyNameTheCodeAsksForExists() {
        assertThat(new TreeSet<>(namesAskedFor())).isSubsetOf(SqlStatements.all().keySet());
    }

    @Test
    void everyStatementIsAskedFor() {
        Set<String> unused = new TreeSet<>(SqlStatements.all().keySet());
        unused.removeAll(namesAskedFor());
        assertThat(unused).as("statements no code asks for: delete them").isEmpty();
    }

    /**
     * The names passed to {@code SqlStatements.get} in src/main/java. A call must pass its name as a
     * literal, so that this scan sees it; a call that passes anything else fails the test.
     */
    static List<String> namesAskedFor() {
        List<String> names = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher call = CALL.matcher(source);
                while (call.find()) {
                    if (call.group(1) == null) {
                        unreadable.add(file + ": " + source.substring(call.start(), source.indexOf('\n', call.start())));
                    } else {
                        names.add(call.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(unreadable).as("calls to SqlStatements.get must pass the name as a string literal").isEmpty();
        assertThat(names).as("calls to SqlStatements.get in src/main/java").isNotEmpty();
        return names;
    }
}
