package io.stepwise.store;

import static io.stepwise.store.Rows.instant;
import static io.stepwise.store.Rows.json;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

@Repository
class StateMachineStore {

    private static final RowMapper<StoredStateMachine> ROW = (rs, n) -> new StoredStateMachine(
            rs.getString("name"), rs.getInt("version"), json(rs, "definition"), rs.getString("definition"),
            rs.getString("description"), instant(rs, "created_at"));

    private final JdbcClient jdbc;

    StateMachineStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredStateMachine> latest(Namespace namespace, String name) {
        return jdbc.sql(SqlStatements.get("StateMachineLatest")).param("namespace", namespace.name()).param("name", name).query(ROW).optional();
    }

    Optional<StoredStateMachine> version(Namespace namespace, String name, int version) {
        return jdbc.sql(SqlStatements.get("StateMachineVersion")).param("namespace", namespace.name())
                .param("name", name).param("version", version).query(ROW).optional();
    }

    /** A stored version, without its definition. */
    record VersionKey(String name, int version, Instant createdAt) {
    }

    private static final RowMapper<VersionKey> KEY = (rs, n) -> new VersionKey(rs.getString("name"),
            rs.getInt("version"), instant(rs, "created_at"));

    List<VersionKey> latestVersions(Namespace namespace, Collection<String> names) {
        return jdbc.sql(SqlStatements.get("StateMachineLatestVersions")).param("namespace", namespace.name())
                .param("names", names.toArray(String[]::new)).query(KEY).list();
    }

    List<VersionKey> existingVersions(Namespace namespace, List<String> names, List<Integer> versions) {
        return jdbc.sql(SqlStatements.get("StateMachineVersionsExist")).param("namespace", namespace.name())
                .param("names", names.toArray(String[]::new))
                .param("versions", versions.toArray(Integer[]::new)).query(KEY).list();
    }

    StoredStateMachine insertNextVersion(Namespace namespace, String name, String definitionText, String description,
            Instant now) {
        return jdbc.sql(SqlStatements.get("StateMachineInsertNextVersion")).param("namespace", namespace.name())
                .param("name", name)
                .param("definition", definitionText)
                .param("description", description)
                .param("now", Rows.timestamp(now))
                .query(ROW).single();
    }

    /** Up to {@code limit} state machines (latest version each) with names after {@code afterName}. */
    List<StateMachineSummary> pageLatest(Namespace namespace, String afterName, int limit) {
        return jdbc.sql(SqlStatements.get("StateMachinePageLatest")).param("namespace", namespace.name())
                .param("afterName", afterName).param("limit", limit)
                .query((rs, n) -> new StateMachineSummary(rs.getString("name"), rs.getInt("version"),
                        rs.getString("description"), instant(rs, "created_at")))
                .list();
    }

    List<String> namespacesInUse(int limit) {
        return jdbc.sql(SqlStatements.get("NamespacesInUse")).param("limit", limit).query(String.class).list();
    }

    /** Deletes every version unless executions of it are unfinished; returns the rows deleted. */
    int deleteUnlessRunning(Namespace namespace, String name) {
        return jdbc.sql(SqlStatements.get("StateMachineDeleteUnlessRunning")).param("namespace", namespace.name())
                .param("name", name).update();
    }

    boolean exists(Namespace namespace, String name) {
        return jdbc.sql(SqlStatements.get("StateMachineExists")).param("namespace", namespace.name()).param("name", name).query(Boolean.class).single();
    }

    long countUnfinishedExecutions(Namespace namespace, String name) {
        return jdbc.sql(SqlStatements.get("ExecutionCountUnfinishedOfMachine")).param("namespace", namespace.name())
                .param("name", name)
                .query(Long.class).single();
    }
}
