package io.stepwise.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Peak heap used, sampled every 50 ms (the target is a peak, which the MXBean's current usage at the
 * end would miss), and the GC count and time over the window.
 */
final class HeapSampler {

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long peak;
    private long gc0, gcMs0, gc1, gcMs1;
    private Thread thread;

    void start() {
        gc0 = gcCount0();
        gcMs0 = gcTime0();
        running.set(true);
        thread = Thread.ofPlatform().daemon().start(() -> {
            var pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            while (running.get()) {
                long used = pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
                peak = Math.max(peak, used);
                LockSupport.parkNanos(50_000_000);
            }
        });
    }

    void stop() throws InterruptedException {
        running.set(false);
        thread.join();
        gc1 = gcCount0();
        gcMs1 = gcTime0();
    }

    long peakMiB() {
        return peak >> 20;
    }

    long gcCount() {
        return gc1 - gc0;
    }

    long gcMs() {
        return gcMs1 - gcMs0;
    }

    private static long gcCount0() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionCount())).sum();
    }

    private static long gcTime0() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }
}
