package io.stepwise.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * CPU used between {@link #start} and {@link #stop}: by this JVM, by this PostgreSQL server's processes,
 * and by everything else on the machine (other builds share the two cores, so a figure without it
 * cannot be judged).
 */
final class CpuWindow {

    /** What the window used: JVM nanoseconds, PostgreSQL seconds, other processes' seconds, machine idle %. */
    record Used(long jvmNanos, double postgresSeconds, double othersSeconds, double idlePct) {
    }

    private final BenchDb db;
    private final long jvm0;
    private final Map<String, Long> postgres0;
    private final long[] machine0;

    private CpuWindow(BenchDb db) {
        this.db = db;
        this.jvm0 = jvmNanos();
        this.postgres0 = db.postgresCpuTicks();
        this.machine0 = machine();
    }

    static CpuWindow start(BenchDb db) {
        return new CpuWindow(db);
    }

    Used stop() {
        long jvm = jvmNanos() - jvm0;
        double postgres = db.postgresCpuSecondsSince(postgres0);
        long[] machine1 = machine();
        long idle = machine1[0] - machine0[0], total = machine1[1] - machine0[1];
        double idlePct = total == 0 ? 0 : 100.0 * idle / total;
        double busy = (total - idle) / 100.0; // busy jiffies of all cores, 1/100 s each
        double others = Math.max(0, busy - jvm / 1e9 - postgres);
        return new Used(jvm, postgres, others, idlePct);
    }

    private static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Idle and total jiffies of the machine, from /proc/stat. */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {Long.parseLong(f[4]) + Long.parseLong(f[5]), total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
