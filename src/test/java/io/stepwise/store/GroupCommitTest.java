package io.stepwise.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.support.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit without a database: what queues up while a batch is applied goes into the next one. */
class GroupCommitTest {

    final List<List<String>> batches = new CopyOnWriteArrayList<>();
    final CountDownLatch firstBatchMayFinish = new CountDownLatch(1);
    GroupCommit<String, String> commit;

    GroupCommit<String, String> committer(Function<List<String>, List<String>> apply) {
        commit = new GroupCommit<>("test-committer", 100, batch -> {
            batches.add(batch);
            if (batches.size() == 1) {
                try {
                    assertThat(firstBatchMayFinish.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return apply.apply(batch);
        });
        commit.start();
        return commit;
    }

    @AfterEach
    void stop() {
        firstBatchMayFinish.countDown();
        if (commit != null) {
            commit.stop();
        }
    }

    static List<String> upperCase(List<String> batch) {
        return batch.stream().map(String::toUpperCase).toList();
    }

    @Test
    void itemsQueuedDuringACommitShareTheNextBatchAndEachGetsItsOwnResult() throws Exception {
        committer(GroupCommitTest::upperCase);
        var first = CompletableFuture.supplyAsync(() -> commit.submit("first"));
        Eventually.await(Duration.ofSeconds(10), batches::size, n -> n == 1);
        List<CompletableFuture<String>> rest = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String item = "item" + i;
            rest.add(CompletableFuture.supplyAsync(() -> commit.submit(item)));
        }
        Eventually.await(Duration.ofSeconds(10), commit::waiting, n -> n == 10);
        firstBatchMayFinish.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("FIRST");
        for (int i = 0; i < 10; i++) {
            assertThat(rest.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("ITEM" + i);
        }
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).hasSize(10);
    }

    @Test
    void aBatchThatFailsIsAppliedItemByItemSoOnlyTheBadItemFails() throws Exception {
        committer(batch -> {
            if (batch.contains("bad")) {
                throw new IllegalArgumentException("bad item");
            }
            return upperCase(batch);
        });
        var first = CompletableFuture.supplyAsync(() -> commit.submit("first"));
        Eventually.await(Duration.ofSeconds(10), batches::size, n -> n == 1);
        var good = CompletableFuture.supplyAsync(() -> commit.submit("good"));
        Eventually.await(Duration.ofSeconds(10), commit::waiting, n -> n == 1);
        var bad = CompletableFuture.supplyAsync(() -> commit.submit("bad"));
        Eventually.await(Duration.ofSeconds(10), commit::waiting, n -> n == 2);
        firstBatchMayFinish.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("FIRST");
        assertThat(good.get(10, TimeUnit.SECONDS)).isEqualTo("GOOD");
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class);
        // the batch of two, then each alone
        assertThat(batches.subList(1, batches.size())).containsExactly(
                List.of("good", "bad"), List.of("good"), List.of("bad"));
    }

    @Test
    void withoutACommitterThreadTheCallerAppliesItsOwnItem() {
        var direct = new GroupCommit<String, String>("stopped", 100, batch -> {
            batches.add(batch);
            return List.of(Thread.currentThread().getName());
        });
        assertThat(direct.submit("x")).isEqualTo(Thread.currentThread().getName());
        direct.start();
        direct.stop();
        assertThat(direct.submit("y")).isEqualTo(Thread.currentThread().getName());
        assertThat(batches).containsExactly(List.of("x"), List.of("y"));
    }

    /**
     * With a linger, the committer waits for more items after the first (the audit's rows, which nobody
     * waits for, gather into one commit), but never past a full batch: a linger of a minute here, and
     * three items make a full batch of three at once.
     */
    @Test
    void aLingeringCommitterGathersItemsButAFullBatchGoesAtOnce() throws Exception {
        List<List<String>> applied = new CopyOnWriteArrayList<>();
        var lingering = new GroupCommit<String, String>("test-lingering", 3, Duration.ofMinutes(1), batch -> {
            applied.add(batch);
            return batch;
        });
        lingering.start();
        try {
            List<CompletableFuture<String>> results = new ArrayList<>();
            for (String item : List.of("a", "b", "c")) {
                results.add(lingering.handOver(item));
            }
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(applied).containsExactly(List.of("a", "b", "c"));
        } finally {
            lingering.stop();
        }
    }
}
