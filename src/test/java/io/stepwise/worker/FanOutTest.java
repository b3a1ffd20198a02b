package io.stepwise.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.store.ExecutionRecord;
import io.stepwise.store.Executions;
import io.stepwise.store.StateMachines;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import io.stepwise.support.TestTaskHandlers;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Map fan-out at size: children's ends are counted into their parent once per completion batch, not
 * once per child (docs/performance.md, fan-out), and the results still come back in item order. A
 * trigger writes a ledger of what each transaction did to the fan-out's rows, so the bounds below are
 * checked on what PostgreSQL actually wrote, not on timing.
 */
class FanOutTest extends IntegrationTest {

    @Autowired
    StateMachines machines;
    @Autowired
    Executions executions;

    @BeforeEach
    void keepALedgerOfFanOutWrites() {
        jdbc.sql("CREATE TABLE fanout_ledger (txid bigint NOT NULL, step_id bigint NOT NULL, parent_id bigint, "
                + "change text NOT NULL)").update();
        jdbc.sql("""
                CREATE FUNCTION fanout_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.pending_children IS DISTINCT FROM OLD.pending_children AND OLD.status = 'WAITING' THEN
                        INSERT INTO fanout_ledger VALUES (txid_current(), NEW.id, NEW.parent_id, 'counted');
                    END IF;
                    IF OLD.status = 'RUNNING' AND NEW.status IN ('SUCCEEDED', 'FAILED') AND NEW.parent_id IS NOT NULL THEN
                        INSERT INTO fanout_ledger VALUES (txid_current(), NEW.id, NEW.parent_id, 'ended');
                    END IF;
                    IF OLD.status = 'BLOCKED' AND NEW.status = 'READY' THEN
                        INSERT INTO fanout_ledger VALUES (txid_current(), NEW.id, NEW.parent_id, 'promoted');
                    END IF;
                    RETURN NULL;
                END $$""").update();
        jdbc.sql("CREATE TRIGGER fanout_ledger AFTER UPDATE ON step FOR EACH ROW EXECUTE FUNCTION fanout_ledger()")
                .update();
        TestTaskHandlers.GATE.drainPermits();
    }

    @AfterEach
    void dropTheLedger() {
        TestTaskHandlers.GATE.release(100_000); // a test that failed half-way leaves no handler waiting
        jdbc.sql("DROP TRIGGER IF EXISTS fanout_ledger ON step").update();
        jdbc.sql("DROP FUNCTION IF EXISTS fanout_ledger()").update();
        jdbc.sql("DROP TABLE IF EXISTS fanout_ledger").update();
    }

    @Test
    void aTenThousandItemMapJoinsEveryResultInItemOrder() {
        int items = 10_000;
        ExecutionRecord done = runToEnd(Asl.single("Each", Asl.map(Asl.task("stepwise:echo"))), numbers(items),
                Duration.ofSeconds(180));
        assertThat(done.status()).as("%s %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo(numbers(items));
        assertThat(steps.count()).as("the join consumed the children").isZero();
        // every child was counted, never one by one: fewer parent updates than children
        assertThat(ledger("ended")).isEqualTo(items);
        assertThat(ledger("counted")).isLessThanOrEqualTo(transactionsThatEndedChildren()).isLessThan(items);
    }

    @Test
    void iterationsSeeTheExecutionsInputThoughTheirClaimLeavesItOut() {
        String definition = Asl.single("Each", Asl.map(Asl.task("stepwise:echo", """
                {"Parameters": {"item.$": "$.i", "size.$": "$.size", "tag.$": "$$.Execution.Input.tag", "first.$": "$$.Execution.Input.items[0]"}}"""),
                """
                {"ItemsPath": "$.items", "ItemSelector": {"i.$": "$$.Map.Item.Value", "size.$": "States.ArrayLength($$.Execution.Input.items)"},
                 "MaxConcurrency": 3}"""));
        var input = Json.NODES.objectNode().put("tag", "t-1");
        input.set("items", numbers(50));
        ExecutionRecord done = runToEnd(definition, input, Duration.ofSeconds(60));

        assertThat(done.status()).as("%s %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        for (int i = 0; i < 50; i++) {
            assertThat(done.output().get(i)).isEqualTo(Json.parse(
                    "{\"item\": " + i + ", \"size\": 50, \"tag\": \"t-1\", \"first\": 0}"));
        }
    }

    @Test
    void theParentRowIsUpdatedOncePerTransactionHoweverManyOfItsChildrenEnd() {
        int items = 400;
        UUID id = start(Asl.single("Each", Asl.map(Asl.task("test:gate"))), numbers(items));
        Eventually.await(Duration.ofSeconds(60), () -> running(id), n -> n == items);
        TestTaskHandlers.GATE.release(items); // all end at once: completions queue up and commit in batches
        ExecutionRecord done = await(id, Duration.ofSeconds(60));

        assertThat(done.status()).as("%s %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo(numbers(items));
        assertThat(ledger("ended")).isEqualTo(items);
        assertThat(jdbc.sql("SELECT max(n) FROM (SELECT count(*) AS n FROM fanout_ledger WHERE change = 'ended' "
                + "GROUP BY txid) t").query(Long.class).single())
                .as("some transaction ended several children (else this test proves nothing)").isGreaterThan(1);
        assertThat(jdbc.sql("SELECT txid, count(*) FROM fanout_ledger WHERE change = 'counted' GROUP BY txid "
                + "HAVING count(*) > 1").query().listOfRows())
                .as("transactions that updated the parent's counters more than once").isEmpty();
        assertThat(ledger("counted")).isEqualTo(transactionsThatEndedChildren());
    }

    @Test
    void maxConcurrencyHoldsWhileBatchesPromoteSeveralBlockedChildrenAtOnce() {
        int items = 120;
        int limit = 7;
        UUID id = start(Asl.single("Each", Asl.map(Asl.task("test:gate"), """
                {"MaxConcurrency": 7}""")), numbers(items));
        Eventually.await(Duration.ofSeconds(60), () -> running(id), n -> n == limit);
        for (int released = 0; released < items; released += 20) {
            TestTaskHandlers.GATE.release(20);
            assertThat(unfinishedUnblocked(id)).as("children READY or RUNNING").isLessThanOrEqualTo(limit);
        }
        ExecutionRecord done = await(id, Duration.ofSeconds(60));

        assertThat(done.status()).as("%s %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo(numbers(items));
        assertThat(ledger("promoted")).isEqualTo(items - limit);
        // per transaction, never more children promoted than ended: the limit holds at every commit
        assertThat(jdbc.sql("""
                SELECT txid FROM fanout_ledger GROUP BY txid
                HAVING count(*) FILTER (WHERE change = 'promoted') > count(*) FILTER (WHERE change = 'ended')""")
                .query().listOfRows()).isEmpty();
    }

    @Test
    void failuresWithinTheToleranceKeepTheirPlacesAndBeyondItCancelTheRest() {
        String tolerated = failingEveryTenth("""
                {"MaxConcurrency": 9, "ToleratedFailurePercentage": 10}""");
        String strict = failingEveryTenth("""
                {"MaxConcurrency": 9, "ToleratedFailureCount": 3}""");
        ArrayNode input = Json.NODES.arrayNode();
        for (int i = 0; i < 300; i++) {
            input.addObject().put("n", i).put("t", i % 10 == 0);
        }
        ExecutionRecord done = runToEnd(tolerated, input, Duration.ofSeconds(60));
        assertThat(done.status()).as("%s %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        for (int i = 0; i < 300; i++) {
            JsonNode result = done.output().get(i);
            if (i % 10 == 0) {
                assertThat(result.path("Error").asString()).as("item %d", i).isEqualTo("Item.Bad");
            } else {
                assertThat(result.asInt()).as("item %d", i).isEqualTo(i);
            }
        }

        ExecutionRecord failed = runToEnd(strict, input, Duration.ofSeconds(60));
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(jdbc.sql("SELECT count(*) FROM step WHERE execution_id = ? AND status IN ('READY', 'RUNNING', "
                + "'BLOCKED', 'WAITING')").param(failed.id()).query(Long.class).single())
                .as("nothing of the failed Map runs on").isZero();
    }

    /** A Map whose iterations fail where the item says {"t": true}, and pass {"n"} on otherwise. */
    private static String failingEveryTenth(String fields) {
        return Asl.single("Each", Asl.map("""
                {"StartAt": "Pick", "States": {
                  "Pick": {"Type": "Choice", "Choices": [{"Variable": "$.t", "BooleanEquals": true, "Next": "Bad"}],
                           "Default": "Good"},
                  "Good": {"Type": "Pass", "InputPath": "$.n", "End": true},
                  "Bad": {"Type": "Fail", "Error": "Item.Bad", "Cause": "a tenth"}}}""", fields));
    }

    private static ArrayNode numbers(int n) {
        ArrayNode items = Json.NODES.arrayNode();
        for (int i = 0; i < n; i++) {
            items.add(i);
        }
        return items;
    }

    private UUID start(String definition, JsonNode input) {
        String name = "m" + UUID.randomUUID().toString().substring(0, 8);
        machines.register(name, Json.parse(definition), null);
        return executions.start(name, null, null, input).execution().id();
    }

    private ExecutionRecord runToEnd(String definition, JsonNode input, Duration timeout) {
        return await(start(definition, input), timeout);
    }

    private ExecutionRecord await(UUID id, Duration timeout) {
        try {
            return Eventually.await(timeout, () -> executions.find(id).orElseThrow(),
                    e -> e.status() != ExecutionStatus.RUNNING);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nsteps by status: " + jdbc.sql(
                    "SELECT status, count(*) FROM step GROUP BY status").query().listOfRows(), e);
        }
    }

    private long running(UUID id) {
        return jdbc.sql("SELECT count(*) FROM step WHERE execution_id = ? AND parent_id IS NOT NULL AND status = 'RUNNING'")
                .param(id).query(Long.class).single();
    }

    private long unfinishedUnblocked(UUID id) {
        return jdbc.sql("SELECT count(*) FROM step WHERE execution_id = ? AND parent_id IS NOT NULL "
                + "AND status IN ('READY', 'RUNNING')").param(id).query(Long.class).single();
    }

    private long ledger(String change) {
        return jdbc.sql("SELECT count(*) FROM fanout_ledger WHERE change = ?").param(change).query(Long.class).single();
    }

    private long transactionsThatEndedChildren() {
        return jdbc.sql("SELECT count(DISTINCT txid) FROM fanout_ledger WHERE change = 'ended'").query(Long.class)
                .single();
    }
}
