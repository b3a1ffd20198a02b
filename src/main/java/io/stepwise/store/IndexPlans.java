package io.stepwise.store;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps a hot-path transaction's statements on their indexes (PlanByIndexes, db/queries/planner.sql):
 * issue 17 asked that claims and completions keep a good plan whatever the planner's statistics say, and
 * a statement's text alone cannot guarantee that. One statement per transaction, not per row.
 */
@Component
class IndexPlans {

    private final JdbcClient jdbc;

    IndexPlans(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** For the rest of the caller's transaction. */
    void forThisTransaction() {
        jdbc.sql(SqlStatements.get("PlanByIndexes")).update();
    }
}
