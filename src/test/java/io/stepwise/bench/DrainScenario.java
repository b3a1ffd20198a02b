package io.stepwise.bench;

import static io.stepwise.bench.Workflows.TASK;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A drain scenario, (b) or (d): executions seeded as ready, then drained by the workers as fast as they
 * go; one discarded warm-up drain (without the backlog), then bench.reps measured ones, each on
 * truncated, analysed tables.
 */
final class DrainScenario extends Scenario {

    private final Seeding seeding;

    DrainScenario(BenchContext context) {
        super(context);
        this.seeding = context.seeding();
    }

    /** Runs and reports one scenario; returns the measured executions/s. */
    List<Double> run(String title, String machine, int transitionsPerExecution, Backlog backlog) throws Exception {
        report.line("## " + title);
        report.line("");
        String historyTemplate = backlog == Backlog.KEPT ? historyOfFinishedTask() : null;
        List<DrainResult> results = new ArrayList<>();
        DrainRun drains = new DrainRun(context);
        BenchApp running = settings.freshAppPerDrain ? null : context.startApp(true);
        if (running != null) {
            running.pauseWorkers();
        }
        try {
            for (int rep = -1; rep < settings.reps; rep++) {
                int n = rep < 0 ? settings.warmupN : settings.drainN;
                db.truncate();
                seeding.started(machine, "d-", n);
                long maxTimedStep = db.longValue("SELECT max(id) FROM step");
                if (rep >= 0 && backlog == Backlog.WAITING) {
                    seeding.started(machine, "b-", settings.backlogN);
                } else if (rep >= 0 && backlog == Backlog.KEPT) {
                    seeding.finished(settings.backlogN, historyTemplate);
                }
                db.settle();
                if (rep == 0 && backlog != Backlog.KEPT) {
                    int ready = backlog == Backlog.WAITING ? n + settings.backlogN : n;
                    ClaimExplain.write(context, "before draining, " + Stats.fmt(ready, 0) + " ready steps");
                }
                DrainResult r = drains.drain(n, maxTimedStep, running);
                if (rep == 0 && backlog == Backlog.NONE && machine.equals(TASK)) {
                    ClaimExplain.write(context, "right after draining " + Stats.fmt(n, 0)
                            + " (dead index entries, before any vacuum)");
                }
                if (rep >= 0) {
                    results.add(r);
                }
                System.err.printf(Locale.ROOT, "%s rep %d: %.0f executions/s%n", title, rep, r.rate());
            }
        } finally {
            if (running != null) {
                running.close();
            }
        }
        DrainReport.write(report, settings, results, transitionsPerExecution);
        return results.stream().map(DrainResult::rate).toList();
    }

    /** A real history row of a finished one-Task execution, to copy into the kept rows. */
    private String historyOfFinishedTask() throws Exception {
        db.truncate();
        seeding.started(TASK, "h-", 10);
        try (BenchApp app = context.startApp(true)) {
            WaitUntil.done(() -> db.longValue("SELECT count(*) FROM step") == 0, 60, 100);
        }
        return db.string("SELECT events::text FROM history LIMIT 1");
    }
}
