package io.stepwise.store;

/**
 * The production SQL statements, for the benchmark ({@code io.stepwise.bench}), which EXPLAINs the claim
 * exactly as the worker sends it. Test code only: {@link SqlStatements} stays package-private in the
 * service, and the benchmark does not parse {@code db/queries} a second way.
 */
public final class StatementsForBench {

    private StatementsForBench() {
    }

    public static String get(String name) {
        return SqlStatements.get(name);
    }
}
