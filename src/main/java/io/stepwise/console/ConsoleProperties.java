package io.stepwise.console;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the web console ({@code stepwise.console.*}).
 *
 * @param refreshInterval how often a live view reads its execution again while a page watches it
 * @param maxStreams      live pages watched at once by this replica; one more is refused with 503
 * @param streamTimeout   how long one live stream lasts; the browser reconnects on its own after it
 */
@ConfigurationProperties("stepwise.console")
public record ConsoleProperties(
        @DefaultValue("250ms") Duration refreshInterval,
        @DefaultValue("200") int maxStreams,
        @DefaultValue("10m") Duration streamTimeout) {
}
