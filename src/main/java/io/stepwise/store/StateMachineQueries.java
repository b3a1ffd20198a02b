package io.stepwise.store;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Listing and deleting state machines: the API's reads beside {@link StateMachines}' writes. */
@Service
public class StateMachineQueries {

    private final JdbcClient jdbc;

    StateMachineQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Up to {@code limit} state machines with names after {@code afterName}, in name order.
     *
     * @param afterName "" for the first page
     */
    @Transactional(readOnly = true)
    public List<StateMachineSummary> page(String afterName, int limit) {
        return jdbc.sql(SqlStatements.get("StateMachinePageLatest"))
                .param("afterName", afterName).param("limit", limit)
                .query((rs, n) -> new StateMachineSummary(rs.getString("name"), rs.getInt("version"),
                        rs.getString("description"), Rows.instant(rs, "created_at")))
                .list();
    }

    /**
     * Deletes every version. Executions keep their rows (and stay readable); only running ones, or
     * ones awaiting a redrive, block the delete because a worker still needs the definition.
     *
     * @throws NotFoundException when there is no such state machine
     * @throws StateMachineInUseException while executions of it are unfinished
     */
    @Transactional
    public void delete(String name) {
        int deleted = jdbc.sql(SqlStatements.get("StateMachineDeleteUnlessRunning")).param("name", name).update();
        if (deleted > 0) {
            return;
        }
        boolean exists = jdbc.sql(SqlStatements.get("StateMachineExists")).param("name", name)
                .query(Boolean.class).single();
        if (!exists) {
            throw new NotFoundException("state machine", name);
        }
        long unfinished = jdbc.sql(SqlStatements.get("ExecutionCountUnfinishedOfMachine")).param("name", name)
                .query(Long.class).single();
        throw new StateMachineInUseException(name, unfinished);
    }
}
