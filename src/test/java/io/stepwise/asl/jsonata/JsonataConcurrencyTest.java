package io.stepwise.asl.jsonata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Many threads evaluate the same cached expressions at once, each with its own input. Every thread
 * (including the one that happens to parse an expression) must see only its own bindings: a block
 * variable from another thread's evaluation must never become visible (see {@link ParsedExpressions}).
 */
class JsonataConcurrencyTest {

    private static final int THREADS = 8;
    private static final int ITERATIONS = 3_000;
    private static final String LEAK_PROBE = "$exists($leak) ? 'leaked' : ($leak := $states.input.n; $leak * 10)";
    private static final String HIGHER_ORDER = "( $offset := $states.input.n; $sum($map([1, 2, 3], function($v) { $v + $offset })) )";

    @Test
    void concurrentEvaluationsSeeOnlyTheirOwnBindings() throws Exception {
        JsonataEvaluator evaluator = new JsonataEvaluator();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int t = 0; t < THREADS; t++) {
                int threadNumber = t;
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return evaluateRepeatedly(evaluator, threadNumber);
                }));
            }
            start.countDown();
            List<String> wrong = new ArrayList<>();
            for (Future<List<String>> outcome : outcomes) {
                wrong.addAll(outcome.get());
            }
            assertThat(wrong).isEmpty();
        }
    }

    private static List<String> evaluateRepeatedly(JsonataEvaluator evaluator, int threadNumber) {
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < ITERATIONS; i++) {
            int n = threadNumber * 100_000 + i;
            JsonNode input = JsonNodeFactory.instance.objectNode().put("n", n);
            JsonataBindings bindings = JsonataBindings.of(input, JsonNodeFactory.instance.objectNode(), Map.of());
            // a fresh text now and then, so parsing keeps happening on the evaluating threads
            String fresh = "$exists($leak) ? -1 : $states.input.n + " + (i % 50);
            check(wrong, evaluator.evaluateExpression(LEAK_PROBE, "Output", bindings), n * 10L);
            check(wrong, evaluator.evaluateExpression(HIGHER_ORDER, "Output", bindings), 3L * n + 6);
            check(wrong, evaluator.evaluateExpression(fresh, "Output", bindings), n + (i % 50));
        }
        return wrong;
    }

    private static void check(List<String> wrong, JsonNode actual, long expected) {
        if (!actual.isIntegralNumber() || actual.longValue() != expected) {
            wrong.add("expected " + expected + " but got " + actual);
        }
    }
}
