package io.stepwise.support;

import io.stepwise.StepwiseApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stepwise replicas of their own, for tests that run several, stop one, or break what lies under one:
 * no web server (unless {@code spring.main.web-application-type} says otherwise), quiet logs, and the
 * given database. The properties override application.yml, and later ones earlier ones.
 */
public final class Replicas {

    private Replicas() {
    }

    public static ConfigurableApplicationContext start(TestDatabase db, String... properties) {
        return start(db, List.of(), properties);
    }

    /** @param sources extra configuration (a test's clock, a kill switch) beside the application's own */
    public static ConfigurableApplicationContext start(TestDatabase db, List<Class<?>> sources, String... properties) {
        List<Class<?>> all = new ArrayList<>(List.of(StepwiseApplication.class));
        all.addAll(sources);
        List<String> settings = new ArrayList<>(List.of("spring.datasource.url=" + db.url(),
                "spring.datasource.username=" + db.user(), "spring.datasource.password=" + db.password(),
                "spring.main.banner-mode=off", "logging.level.root=WARN"));
        settings.addAll(List.of(properties));
        // as command-line arguments, so they also override what application.yml sets (tracing's switch)
        return new SpringApplicationBuilder(all.toArray(Class<?>[]::new))
                .web(WebApplicationType.NONE)
                .run(settings.stream().map(setting -> "--" + setting).toArray(String[]::new));
    }
}
