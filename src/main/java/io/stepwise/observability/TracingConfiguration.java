package io.stepwise.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.stepwise.store.WorkTracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the {@link WorkTracer}: Boot's own switch {@code management.tracing.export.enabled} (Boot 4's
 * name for {@code management.tracing.enabled}) turns Stepwise's spans on with Boot's export;
 * application.yml sets it false, so by default the worker gets {@link WorkTracer#OFF} and does no
 * tracing work at all.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    @Bean
    WorkTracer workTracer(@Value("${management.tracing.export.enabled:true}") boolean enabled,
            ObjectProvider<OpenTelemetry> openTelemetry) {
        return enabled ? new StepTracing(openTelemetry.getObject().getTracer("io.stepwise")) : WorkTracer.OFF;
    }
}
