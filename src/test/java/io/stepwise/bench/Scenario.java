package io.stepwise.bench;

/** What every scenario class starts from: the shared context, and the parts of it each one uses. */
abstract class Scenario {

    final BenchContext context;
    final BenchSettings settings;
    final BenchDb db;
    final Report report;

    Scenario(BenchContext context) {
        this.context = context;
        this.settings = context.settings();
        this.db = context.db();
        this.report = context.report();
    }
}
