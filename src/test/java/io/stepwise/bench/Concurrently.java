package io.stepwise.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs copies of one body at the same time and waits for all of them; the first failure is rethrown. */
final class Concurrently {

    private Concurrently() {
    }

    static void onPlatformThreads(int threads, Runnable body) throws Exception {
        run(Executors.newFixedThreadPool(threads), threads, body);
    }

    /** For blocking clients (HTTP): many waiting callers should not need as many platform threads. */
    static void onVirtualThreads(int threads, Runnable body) throws Exception {
        run(Executors.newVirtualThreadPerTaskExecutor(), threads, body);
    }

    private static void run(ExecutorService pool, int copies, Runnable body) throws Exception {
        try (pool) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < copies; t++) {
                futures.add(pool.submit(body));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
    }
}
