package io.stepwise.support;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The workload the fault tests run under (a Pass, a Task, a 1 s Wait, a Map of Tasks), and the check
 * that no transition was applied twice while the fault lasted.
 */
public final class FaultWorkload {

    private FaultWorkload() {
    }

    /** The machine: its Task sleeps {@code taskMillis}; the Map runs "Echo" once per item of {@code $.items}. */
    public static String machine(int taskMillis) {
        return """
                {"StartAt": "Prepare", "States": {
                  "Prepare": {"Type": "Pass", "Next": "Work"},
                  "Work": {"Type": "Task", "Resource": "stepwise:sleep", "Parameters": {"millis": %d},
                           "ResultPath": null, "Next": "Pause"},
                  "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Each"},
                  "Each": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": null, "Next": "Done",
                           "ItemProcessor": {"StartAt": "Echo", "States": {
                             "Echo": {"Type": "Task", "Resource": "stepwise:echo", "End": true}}}},
                  "Done": {"Type": "Succeed"}}}""".formatted(taskMillis);
    }

    /**
     * Executions of {@code stateMachine} in which a state was entered other than once ("Echo" once per
     * item of {@code items}), as lines; empty when every transition committed exactly once.
     */
    public static List<String> statesEnteredOtherThanOnce(JdbcClient sql, String stateMachine, int items) {
        return sql.sql("""
                SELECT format('%s %s x%s', h.execution_id, e->>'name', count(*))
                FROM history h JOIN execution x ON x.id = h.execution_id, json_array_elements(h.events) e
                WHERE x.state_machine_name = ? AND (e->>'t') LIKE '%StateEntered'
                GROUP BY h.execution_id, e->>'name'
                HAVING count(*) <> CASE WHEN e->>'name' = 'Echo' THEN ? ELSE 1 END""")
                .param(stateMachine).param(items).query(String.class).list();
    }
}
