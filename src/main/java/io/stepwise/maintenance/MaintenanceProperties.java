package io.stepwise.maintenance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the maintenance leader ({@code stepwise.maintenance.*}).
 *
 * @param enabled false keeps this replica out of the election: it never runs maintenance
 * @param leaseDuration how long a leader's lease lasts without renewal; a dead leader is replaced
 *     after at most this long
 * @param renewInterval how often the leader renews (and others try to take over). The leader stops
 *     trusting its lease one interval before it expires, which leaves that much room for clock skew and
 *     in-flight work, so it must be shorter than the lease
 */
@ConfigurationProperties("stepwise.maintenance")
public record MaintenanceProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("15s") Duration leaseDuration,
        @DefaultValue("5s") Duration renewInterval) {

    public MaintenanceProperties {
        if (!renewInterval.isPositive() || renewInterval.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("stepwise.maintenance.renew-interval (" + renewInterval
                    + ") must be positive and shorter than stepwise.maintenance.lease-duration (" + leaseDuration + ")");
        }
    }
}
