package io.stepwise.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.asl.Json;
import io.stepwise.support.Asl;
import io.stepwise.support.IntegrationTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Starts made at the same moment share transactions; each caller still gets its own answer. */
class ExecutionStartsTest extends IntegrationTest {

    @Autowired
    StateMachines machines;
    @Autowired
    Executions executions;
    @Autowired
    ExecutionStarts starts;
    @Autowired
    TransactionTemplate transactions;

    static final String WAITING = Asl.single("Hold", """
            {"Type": "Wait", "Seconds": 3600, "End": true}""");

    /** Every execution, newest first. */
    private List<ExecutionRecord> allExecutions() {
        var page = executions.page(new ExecutionFilter(null, null, null, null), null, 1000);
        assertThat(page.next()).as("one page holds them all").isNull();
        return page.items();
    }

    /** Outcome of one concurrent start: the execution id and whether it was new, or the exception's class. */
    record Answer(String name, UUID id, Boolean created, Class<?> failure) {
    }

    @Test
    void concurrentStartsGetIdempotentRepeatsConflictsAndMissingMachinesRight() throws Exception {
        machines.register("burst", Json.parse(WAITING), null);
        record Call(String machine, String name, String input) {
        }
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            calls.add(new Call("burst", "same-" + (i % 20), "{\"k\": " + (i % 20) + "}")); // each name 3 times, one input
        }
        for (int i = 0; i < 10; i++) {
            calls.add(new Call("burst", "clash-" + i, "{\"a\": 1}"));
            calls.add(new Call("burst", "clash-" + i, "{\"b\": 2}"));
        }
        for (int i = 0; i < 30; i++) {
            calls.add(new Call("burst", null, "{\"n\": " + i + "}"));
        }
        for (int i = 0; i < 5; i++) {
            calls.add(new Call("missing", null, "{}"));
        }
        var go = new CountDownLatch(1);
        List<Future<Answer>> futures = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Call call : calls) {
                futures.add(threads.submit(() -> {
                    go.await();
                    try {
                        var start = executions.start(call.machine(), null, call.name(), Json.parse(call.input()));
                        return new Answer(call.name(), start.execution().id(), start.created(), null);
                    } catch (RuntimeException e) {
                        return new Answer(call.name(), null, null, e.getClass());
                    }
                }));
            }
            go.countDown();
        }
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> f : futures) {
            answers.add(f.get(30, TimeUnit.SECONDS));
        }
        Map<String, List<Answer>> byName = answers.stream().filter(a -> a.name() != null)
                .collect(Collectors.groupingBy(Answer::name));
        for (int i = 0; i < 20; i++) {
            List<Answer> same = byName.get("same-" + i);
            assertThat(same).extracting(Answer::failure).containsOnlyNulls();
            assertThat(same).extracting(Answer::id).as("one execution per name").hasSize(3).containsOnly(same.getFirst().id());
            assertThat(same).filteredOn(Answer::created).as("created once").hasSize(1);
        }
        for (int i = 0; i < 10; i++) {
            List<Answer> clash = byName.get("clash-" + i);
            assertThat(clash).filteredOn(a -> a.failure() == null).singleElement().extracting(Answer::created).isEqualTo(true);
            assertThat(clash).filteredOn(a -> a.failure() != null).singleElement().extracting(Answer::failure)
                    .isEqualTo(ExecutionConflictException.class);
        }
        List<Answer> unnamed = answers.subList(80, 110);
        assertThat(unnamed).extracting(Answer::created).containsOnly(true);
        assertThat(unnamed).extracting(Answer::id).doesNotHaveDuplicates();
        assertThat(answers.subList(110, 115)).extracting(Answer::failure).containsOnly(NotFoundException.class);
        List<UUID> started = allExecutions().stream().map(ExecutionRecord::id).toList();
        assertThat(started).hasSize(20 + 10 + 30);
        assertThat(steps.executionIds()).as("every new execution has its first step").containsAll(started);
    }

    @Test
    void aMachineDeletedAndCreatedAgainStartsWithItsNewDefinition() {
        machines.register("again", Json.parse(WAITING), null);
        var first = executions.start("again", null, null, Json.parse("{}")).execution();
        assertThat(first.stateMachineVersion()).isEqualTo(1);
        // what retention leaves after 30 days: no executions, so the machine can go and its versions restart
        jdbc.sql("DELETE FROM step").update();
        jdbc.sql("DELETE FROM execution").update();
        machines.delete("again");
        machines.register("again", Json.parse(Asl.single("Other", """
                {"Type": "Wait", "Seconds": 3600, "End": true}""")), null);
        var second = executions.start("again", null, null, Json.parse("{}")).execution();
        assertThat(second.stateMachineVersion()).isEqualTo(1);
        assertThat(steps.only(second.id()).stateName()).isEqualTo("Other");
    }

    @Test
    void aPinnedVersionThatDoesNotExistIsNotFound() {
        machines.register("pinned", Json.parse(WAITING), null);
        assertThat(executions.start("pinned", 1, null, Json.parse("{}")).created()).isTrue();
        assertThatThrownBy(() -> executions.start("pinned", 2, null, Json.parse("{}")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("pinned:2");
        var results = starts.apply(List.of(new Executions.StartRequest("pinned", 1, "a", Json.parse("{}")),
                new Executions.StartRequest("pinned", 3, "b", Json.parse("{}"))));
        assertThat(results.get(0).start().created()).isTrue();
        assertThat(results.get(1).failure()).isInstanceOf(NotFoundException.class);
    }

    @Test
    void startAllAnswersEachRequestInOrderAndCommitsOnItsOwn() {
        machines.register("many", Json.parse(WAITING), null);
        executions.start("many", null, "taken", Json.parse("{\"x\": 1}"));
        var results = executions.startAll(List.of(
                new Executions.StartRequest("many", null, "fresh", Json.parse("{\"n\": 1}")),
                new Executions.StartRequest("missing", null, null, Json.parse("{}")),
                new Executions.StartRequest("many", null, "taken", Json.parse("{\"x\": 2}")),
                new Executions.StartRequest("many", null, "taken", Json.parse("{\"x\": 1}")),
                new Executions.StartRequest("many", null, null, Json.parse("{\"n\": 2}"))));
        assertThat(results.get(0).start().created()).isTrue();
        assertThat(results.get(0).start().execution().name()).isEqualTo("fresh");
        assertThat(results.get(1).failure()).isInstanceOf(NotFoundException.class);
        assertThat(results.get(2).failure()).isInstanceOf(ExecutionConflictException.class);
        assertThat(results.get(3).start().created()).as("the same start again").isFalse();
        assertThat(results.get(4).start().created()).isTrue();
        assertThat(steps.count()).isEqualTo(3);

        // inside a caller's transaction it still commits on its own: the caller's rollback leaves it started
        transactions.executeWithoutResult(tx -> {
            executions.startAll(List.of(new Executions.StartRequest("many", null, "own-commit", Json.parse("{}"))));
            tx.setRollbackOnly();
        });
        assertThat(allExecutions()).filteredOn(execution -> execution.name().equals("own-commit")).hasSize(1);

        var tooMany = Collections.nCopies(Executions.MAX_START_ALL + 1,
                new Executions.StartRequest("many", null, null, Json.parse("{}")));
        assertThatThrownBy(() -> executions.startAll(tooMany)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most " + Executions.MAX_START_ALL);
    }
}
