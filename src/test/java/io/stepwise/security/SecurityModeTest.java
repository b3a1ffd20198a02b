package io.stepwise.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/** Secure by default where it matters: on with an external database, off with the embedded one, said at start-up. */
@ExtendWith(OutputCaptureExtension.class)
class SecurityModeTest {

    private static final String URL = "jdbc:postgresql://db:5432/stepwise";

    private static SecurityProperties enabled(Boolean enabled, String bootstrapKey) {
        return new SecurityProperties(enabled, bootstrapKey, Duration.ofSeconds(10), List.of("health"),
                new SecurityProperties.Jwt("roles"), Duration.ofHours(8));
    }

    private static MockEnvironment external() {
        return new MockEnvironment().withProperty("spring.datasource.url", URL);
    }

    @Test
    void anExternalDatabaseTurnsAuthenticationOnUnlessExplicitlyOff(CapturedOutput output) {
        assertThat(new SecurityConfiguration().securityMode(enabled(null, null), external()).enabled()).isTrue();
        assertThat(output.getAll()).contains("Authentication is on (an external database is configured");

        assertThat(new SecurityConfiguration().securityMode(enabled(false, null), external()).enabled()).isFalse();
        assertThat(output.getAll()).contains("WARN").contains("Authentication is OFF (stepwise.security.enabled=false)");
    }

    @Test
    void theEmbeddedDatabaseLeavesItOffUnlessSwitchedOn(CapturedOutput output) {
        assertThat(new SecurityConfiguration().securityMode(enabled(null, null), new MockEnvironment()).enabled())
                .isFalse();
        assertThat(output.getAll()).contains("Authentication is off (the embedded development database is in use)");
        assertThat(new SecurityConfiguration().securityMode(enabled(true, null), new MockEnvironment()).enabled())
                .isTrue();
    }

    @Test
    void aWeakBootstrapKeyStopsStartUpWithoutShowingIt() {
        for (String weak : List.of("short-key", "has spaces in it and is long enough to pass the length check")) {
            assertThatThrownBy(() -> new SecurityConfiguration().securityMode(enabled(null, weak), external()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("bootstrap-key")
                    .hasMessageNotContaining(weak);
        }
        assertThat(new SecurityConfiguration().securityMode(enabled(null,
                "q8Jx0d3mYQvN5b1rT7kLw2sZc9HfUe4gPaVo6iRyXnM="), external()).enabled()).isTrue();
    }
}
