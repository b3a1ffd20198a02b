package io.stepwise.bench;

import static io.stepwise.bench.Workflows.TASK;

import java.util.List;

/** (d) The one-Task drain again with a large backlog waiting in the queue, then with as many finished executions kept. */
final class BacklogScenario extends Scenario {

    BacklogScenario(BenchContext context) {
        super(context);
    }

    /** {@code emptyDrainMedian}: the (b) one-Task drain of this run, if it ran, to which both are compared. */
    void run(Double emptyDrainMedian) throws Exception {
        String backlog = Stats.fmt(settings.backlogN, 0);
        DrainScenario drains = new DrainScenario(context);
        List<Double> waiting = drains.run("(d) drain one-Task with " + backlog
                + " executions waiting (ready, same queue, claimed after the timed ones)", TASK, 1, Backlog.WAITING);
        List<Double> kept = drains.run("(d) drain one-Task with " + backlog
                + " finished executions kept (execution + history rows)", TASK, 1, Backlog.KEPT);
        if (emptyDrainMedian != null) {
            report.line("Backlog ratios to the empty drain (median " + Stats.fmt(emptyDrainMedian, 0) + "/s): waiting "
                    + Report.pct(Stats.median(waiting) / emptyDrainMedian) + ", kept "
                    + Report.pct(Stats.median(kept) / emptyDrainMedian));
            report.line("");
        }
    }
}
