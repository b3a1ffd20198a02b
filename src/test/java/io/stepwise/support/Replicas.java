package io.stepwise.support;

import io.stepwise.StepwiseApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                "spring.main.banner-mode=off", "logging.level.root=WARN",
                // replicas that serve HTTP are driven without credentials unless a test passes =true
                "stepwise.security.enabled=false"));
        settings.addAll(List.of(properties));
        // the last value of each key, as command-line arguments: they override what application.yml sets
        // (tracing's switch), and a key given twice as arguments would bind as a list of both values
        Map<String, String> last = new LinkedHashMap<>();
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            last.remove(setting.substring(0, equals));
            last.put(setting.substring(0, equals), setting.substring(equals + 1));
        }
        return new SpringApplicationBuilder(all.toArray(Class<?>[]::new))
                .web(WebApplicationType.NONE)
                .run(last.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }
}
