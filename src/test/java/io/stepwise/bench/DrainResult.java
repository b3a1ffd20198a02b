package io.stepwise.bench;

import java.util.List;
import java.util.Map;

/**
 * One measured drain. {@code rate} and {@code seconds} run from the first to the last completion
 * (execution.stop_date); everything else covers the measuring window from the first observed progress
 * to the end, in which {@code completedInWindow} executions finished.
 */
record DrainResult(double rate, double seconds, CpuWindow.Used cpu, long completedInWindow,
                   CountingDataSource.Snapshot counts, long heapPeakMiB, long gcCount, long gcMs,
                   List<List<String>> statements, Map<String, Integer> waits, int waitSamples) {
}
