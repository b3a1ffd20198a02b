package io.stepwise.bench;

/**
 * What every scenario shares: the settings, the database and its statement counts, the report, the
 * registered workflows, and the worker slots of the applications (read from their configuration at
 * start-up), which size the claim that {@link ClaimExplain} explains.
 */
record BenchContext(BenchSettings settings, BenchDb db, PgStatStatements statements, Report report,
                    Workflows workflows, int workerSlots) {

    /** A new application on the benchmark's database; with {@code worker} false it only submits. */
    BenchApp startApp(boolean worker) {
        return BenchApp.start(db, worker, settings.appProperties);
    }

    Seeding seeding() {
        return new Seeding(db, workflows);
    }
}
