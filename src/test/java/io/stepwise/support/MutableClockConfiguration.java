package io.stepwise.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * {@code @Import} it to run a test's context on a {@link MutableClock} that starts now and that the test
 * moves ({@code @Autowired MutableClock}). Such a context runs ahead of the others in the JVM: disable
 * maintenance and close it after the class (see TimersTest).
 */
@TestConfiguration
public class MutableClockConfiguration {

    @Bean
    @Primary
    MutableClock mutableClock() {
        return MutableClock.startingNow();
    }
}
