package io.stepwise.observability;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of Stepwise's own meters ({@code stepwise.metrics.*}). The limits keep the number of series
 * bounded whatever users name their state machines, resources and errors: past a limit, new values are
 * reported as {@code other}.
 *
 * @param maxStateMachines distinct {@code state_machine} tag values per replica
 * @param maxResources distinct task {@code resource} tag values per replica
 * @param maxErrorNames distinct {@code error} tag values per replica
 * @param errorNameLength error names are cut to this many characters before they become a tag value
 * @param queueLagInterval how often the maintenance leader samples the queues
 * @param timerLateAfter a Wait or retry picked up later than this after it fell due counts as late
 */
@ConfigurationProperties("stepwise.metrics")
public record MetricsProperties(
        @DefaultValue("200") int maxStateMachines,
        @DefaultValue("200") int maxResources,
        @DefaultValue("100") int maxErrorNames,
        @DefaultValue("64") int errorNameLength,
        @DefaultValue("5s") Duration queueLagInterval,
        @DefaultValue("1s") Duration timerLateAfter) {
}
