package io.stepwise.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the development database keeps its files and which port it listens on. The port is fixed by
 * default so that {@code psql -h localhost -p 54329 -U postgres} reaches it; 0 picks a free one.
 */
public record EmbeddedDatabaseSettings(
        @DefaultValue(".stepwise/pgdata") String dataDirectory,
        @DefaultValue("54329") int port) {
}
