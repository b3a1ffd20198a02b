package io.stepwise.config;

import java.nio.file.Path;

/**
 * Starts an embedded PostgreSQL and then dies at once without stopping it, as a Stepwise killed with
 * {@code kill -9} does: run in a JVM of its own by {@link EmbeddedDatabaseTest}.
 */
public final class OrphanedDatabase {

    private OrphanedDatabase() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase.start(Path.of(args[0]), 0);
        Runtime.getRuntime().halt(0);
    }
}
