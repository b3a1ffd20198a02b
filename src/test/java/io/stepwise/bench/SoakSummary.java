package io.stepwise.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The soak's report, written after it: the per-minute table with completions counted from
 * execution.stop_date (which the workers wrote, so they are not skewed by when the minute was
 * sampled), then first against last minute, CPU per execution and the statements of the whole soak.
 */
final class SoakSummary {

    private SoakSummary() {
    }

    /** {@code rows}: one table row a minute, with a {@code %s} where its completed/s goes. */
    static void write(BenchContext context, List<String> rows, Instant t0Wall, long durationNs, long behind, CpuWindow.Used cpu,
                      List<List<String>> statements) throws Exception {
        Report report = context.report();
        Map<Integer, Long> completed = new HashMap<>();
        for (var r : context.db().rows("SELECT floor(extract(epoch FROM stop_date - '" + t0Wall + "'::timestamptz) / 60)::int + 1, count(*) "
                + "FROM execution WHERE stop_date IS NOT NULL GROUP BY 1")) {
            completed.put(Integer.parseInt(r.get(0)), Long.parseLong(r.get(1)));
        }
        List<Double> perMinute = new ArrayList<>();
        report.line("| minute | offered/s | submitted/s | completed/s | ready steps at end | step total / heap / step_pkey "
                + "/ step_ready_idx / step_execution_idx (kB) | execution total (MB) | history total (MB) "
                + "| dead tuples step / execution / history | autovacuums step | JVM heap used MiB |");
        report.line("|---:|---:|---:|---:|---:|---|---:|---:|---|---:|---:|");
        for (int i = 0; i < rows.size(); i++) {
            int minute = i + 1;
            double c = completed.getOrDefault(minute, 0L) / SoakScenario.span(minute, durationNs);
            perMinute.add(c);
            report.line(rows.get(i).formatted(Stats.fmt(c, 0)));
        }
        report.line("");
        if (perMinute.size() >= 2) {
            report.line("Last minute vs first minute completions: " + Report.pct(perMinute.get(perMinute.size() - 1) / perMinute.get(0))
                    + "; submitter threads more than 1 s behind schedule: " + behind + " times.");
            report.line("");
        }
        long done = completed.values().stream().mapToLong(Long::longValue).sum();
        if (done > 0) {
            report.line("CPU over the whole soak per completed execution (its start included): this JVM "
                    + Stats.fmt(cpu.jvmNanos() / 1000.0 / done, 0) + " µs, this PostgreSQL "
                    + Stats.fmt(cpu.postgresSeconds() * 1e6 / done, 0) + " µs (" + Stats.fmt(done, 0) + " executions completed).");
            report.line("");
        }
        if (!statements.isEmpty() && done > 0) {
            report.line("pg_stat_statements over the whole soak, by total time:");
            report.line("");
            report.line("| calls per execution | mean ms | total ms | rows per call | WAL bytes / call | statement |");
            report.line("|---:|---:|---:|---:|---:|---|");
            for (List<String> st : statements) {
                report.line("| " + Stats.fmt(Double.parseDouble(st.get(0)) / done, 3) + " | " + st.get(1) + " | " + st.get(2) + " | "
                        + st.get(3) + " | " + st.get(5) + " | `" + st.get(4) + "` |");
            }
            report.line("");
        }
    }
}
