package io.stepwise.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Whether requests must authenticate. Secure by default where it matters: with an external database
 * (spring.datasource.url set) authentication is on unless {@code stepwise.security.enabled=false}; with
 * the embedded development database it is off unless switched on, so the README's quick start stays two
 * commands and a curl. Either way the start-up log says which, and why.
 */
public record SecurityMode(boolean enabled, boolean externalDatabase, String reason) {

    private static final Logger log = LoggerFactory.getLogger(SecurityMode.class);

    static SecurityMode of(SecurityProperties properties, Environment environment) {
        boolean external = StringUtils.hasText(environment.getProperty("spring.datasource.url"));
        if (properties.enabled() != null) {
            return new SecurityMode(properties.enabled(), external, "stepwise.security.enabled=" + properties.enabled());
        }
        return external ? new SecurityMode(true, true, "an external database is configured (spring.datasource.url)")
                : new SecurityMode(false, false, "the embedded development database is in use");
    }

    void log() {
        if (enabled) {
            log.info("Authentication is on ({}): every request except the public actuator endpoints needs"
                    + " 'Authorization: Bearer <API key or JWT>' (docs/security.md)", reason);
        } else if (externalDatabase) {
            log.warn("Authentication is OFF ({}) although an external database is configured: anyone who reaches"
                    + " this port can define, start and stop workflows. Remove stepwise.security.enabled=false to"
                    + " turn it on (docs/security.md)", reason);
        } else {
            log.info("Authentication is off ({}); with an external database it is on by default, and"
                    + " stepwise.security.enabled=true turns it on here (docs/security.md)", reason);
        }
    }
}
