package io.stepwise.bench;

import io.stepwise.worker.WorkerProperties;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/** The report's first section: machine, JVM, PostgreSQL and its settings, application configuration, run parameters. */
final class EnvironmentSection {

    private EnvironmentSection() {
    }

    /** Writes the section from a started application's configuration and returns its worker slots. */
    static int write(Report report, BenchSettings settings, BenchDb db, PgStatStatements statements, BenchApp app)
            throws SQLException {
        var worker = app.bean(WorkerProperties.class);
        var pool = app.dataSource();
        Runtime rt = Runtime.getRuntime();
        report.line("## Environment");
        report.line("");
        report.line("- machine: " + rt.availableProcessors() + " cores, " + (memTotalMiB() / 1024) + " GiB; app, PostgreSQL "
                + "and load generator share the cores");
        report.line("- JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version() + ", max heap "
                + rt.maxMemory() / (1 << 20) + " MiB, " + ManagementFactory.getRuntimeMXBean().getInputArguments()
                .stream().filter(a -> a.startsWith("-X") && !a.startsWith("-XX:Flight")).toList());
        report.line("- PostgreSQL: " + db.kind + ", " + db.string("SELECT version()"));
        StringBuilder s = new StringBuilder("- settings: ");
        db.settings().forEach((k, v) -> s.append(k).append('=').append(v).append(", "));
        report.line(s.substring(0, s.length() - 2));
        report.line("- pg_stat_statements: " + (statements.available() ? "on"
                : "not available (statement counts from the JDBC proxy only)"));
        report.line("- application: pool " + pool.getMaximumPoolSize() + " connections; worker slots " + worker.slots()
                + "; poll interval " + worker.pollInterval().toMillis() + " ms; lease " + worker.lease().toSeconds()
                + " s; claim batch = free slots (≤ " + worker.slots() + "); app properties from the command line: "
                + settings.appProperties);
        report.line("- quick mode: " + settings.quick + "; reps " + settings.reps + "; drain N " + settings.drainN
                + "; backlog " + settings.backlogN);
        report.line("");
        return worker.slots();
    }

    private static long memTotalMiB() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    return Long.parseLong(l.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return 0;
    }
}
