package io.stepwise.bench;

import java.util.List;
import java.util.Map;

/** The report of one drain scenario: its figures over all measured runs, then the median run's statements and waits. */
final class DrainReport {

    private DrainReport() {
    }

    static void write(Report report, BenchSettings settings, List<DrainResult> results, int transitionsPerExecution) {
        List<Double> rates = results.stream().map(DrainResult::rate).toList();
        List<Double> transitions = rates.stream().map(r -> r * transitionsPerExecution).toList();
        report.line("| figure | median [min–max] of " + settings.reps + " |");
        report.line("|---|---:|");
        report.line("| executions/s (first to last completion, from execution.stop_date) | " + Stats.spread(rates, 0) + " |");
        report.line("| state transitions/s (" + transitionsPerExecution + " per execution) | " + Stats.spread(transitions, 0) + " |");
        report.line("| seconds for " + Stats.fmt(settings.drainN, 0) + " | "
                + Stats.spread(results.stream().map(DrainResult::seconds).toList(), 2) + " |");
        report.line("| CPU s in the measuring window: this JVM / this PostgreSQL / other processes on the machine; machine idle % | "
                + Stats.spread(results.stream().map(r -> r.cpu().jvmNanos() / 1e9).toList(), 1) + " / "
                + Stats.spread(results.stream().map(r -> r.cpu().postgresSeconds()).toList(), 1) + " / "
                + Stats.spread(results.stream().map(r -> r.cpu().othersSeconds()).toList(), 1) + "; "
                + Stats.spread(results.stream().map(r -> r.cpu().idlePct()).toList(), 0) + " |");
        report.line("| JVM heap used, peak MiB (sampled every 50 ms) / GCs / GC ms | "
                + Stats.spread(results.stream().map(r -> (double) r.heapPeakMiB()).toList(), 0) + " / "
                + Stats.spread(results.stream().map(r -> (double) r.gcCount()).toList(), 0) + " / "
                + Stats.spread(results.stream().map(r -> (double) r.gcMs()).toList(), 0) + " |");
        // the middle run in time order, which the report calls "the median run" (it is not sorted by rate);
        // kept so that reports stay comparable with the recorded ones
        DrainResult median = results.get(results.size() / 2);
        double executions = median.completedInWindow();
        double tr = executions * transitionsPerExecution;
        var c = median.counts();
        report.line("| JDBC per execution: statements / round trips / commits | "
                + Stats.fmt(c.statements() / executions, 2) + " / " + Stats.fmt(c.roundTrips() / executions, 2) + " / "
                + Stats.fmt(c.commits() / executions, 2) + " |");
        report.line("| JDBC per state transition: statements / round trips | " + Stats.fmt(c.statements() / tr, 2) + " / "
                + Stats.fmt(c.roundTrips() / tr, 2) + " |");
        report.line("");
        if (!median.statements().isEmpty()) {
            report.line("pg_stat_statements over the measuring window of the median run (" + Stats.fmt(executions, 0)
                    + " executions completed in it):");
            report.line("");
            report.line("| calls per execution | mean ms | total ms | rows per call | WAL bytes / call | full-page images / call | pages dirtied / call | statement |");
            report.line("|---:|---:|---:|---:|---:|---:|---:|---|");
            for (List<String> s : median.statements()) {
                report.line("| " + Stats.fmt(Double.parseDouble(s.get(0)) / executions, 3) + " | " + s.get(1) + " | "
                        + s.get(2) + " | " + s.get(3) + " | " + s.get(5) + " | " + s.get(6) + " | " + s.get(7) + " | `"
                        + s.get(4) + "` |");
            }
            report.line("");
        }
        if (median.waitSamples() > 0) {
            report.line("The application's PostgreSQL sessions, sampled " + median.waitSamples() + " times during the median "
                    + "run (average number of sessions in each state; \"idle in transaction\" = waiting for the application):");
            report.line("");
            report.line("| state or wait event | sessions (average) |");
            report.line("|---|---:|");
            median.waits().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(w -> report.line("| " + w.getKey() + " | "
                            + Stats.fmt(w.getValue() / (double) median.waitSamples(), 2) + " |"));
            report.line("");
        }
    }
}
