package io.stepwise.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.stepwise.StepwiseApplication;
import io.stepwise.task.TaskHandler;
import io.stepwise.task.TaskRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * One Stepwise application in the benchmark JVM: StepwiseApplication plus {@link Beans} (a counting
 * data source under the usual Hikari pool, and the {@code bench:probe} task handler), started with
 * the given properties. Beans is not annotated, so component scanning of the test classpath never
 * picks it up in the test suite; it is added here as an explicit source.
 */
final class BenchApp implements AutoCloseable {

    /** {@code bench:probe}: input {"i": n} -> System.nanoTime() when the handler started. */
    static final Map<Integer, Long> PROBE_STARTS = new ConcurrentHashMap<>();

    final ConfigurableApplicationContext context;
    /** A view of a running application lent to one drain: closing it pauses the workers instead. */
    private final boolean borrowed;

    private BenchApp(ConfigurableApplicationContext context, boolean borrowed) {
        this.context = context;
        this.borrowed = borrowed;
    }

    static BenchApp start(BenchDb db, boolean worker, Map<String, String> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("spring.datasource.url", db.url);
        props.put("spring.datasource.username", db.user);
        props.put("spring.datasource.password", db.password);
        props.put("server.port", "0");
        props.put("stepwise.worker.enabled", String.valueOf(worker));
        props.put("logging.level.root", "WARN");
        props.put("logging.level.io.stepwise", "WARN");
        props.put("spring.main.banner-mode", "off");
        // the benchmark measures the engine; -Dstepwise.security.enabled=true (with a bootstrap key) measures
        // what authentication and the audit trail add to the HTTP row of (a) (docs/performance.md, "Security")
        props.put("stepwise.security.enabled", "false");
        props.putAll(extra);
        var app = new SpringApplication(StepwiseApplication.class, Beans.class);
        app.setDefaultProperties(props);
        app.setLogStartupInfo(false);
        return new BenchApp(app.run(), false);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    HikariDataSource dataSource() {
        return context.getBean(HikariDataSource.class);
    }

    BenchApp borrowed() {
        return new BenchApp(context, true);
    }

    /**
     * Stops claiming (the poller's own lifecycle: in-flight steps finish first) so that a drain can be
     * seeded while the application keeps running; {@link #resumeWorkers} starts claiming again.
     */
    void pauseWorkers() {
        Lifecycle poller = poller();
        if (poller.isRunning()) {
            poller.stop();
        }
    }

    void resumeWorkers() {
        Lifecycle poller = poller();
        if (!poller.isRunning()) {
            poller.start();
        }
    }

    private Lifecycle poller() {
        try {
            return (Lifecycle) context.getBean(Class.forName("io.stepwise.worker.StepPoller"));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (borrowed) {
            pauseWorkers();
        } else {
            context.close();
        }
    }

    /** Beans added to the application (lite-mode configuration: not annotated on purpose, see above). */
    static class Beans {

        @Bean
        HikariDataSource dataSource(Environment environment) {
            var physical = new PGSimpleDataSource();
            physical.setUrl(environment.getProperty("spring.datasource.url"));
            physical.setUser(environment.getProperty("spring.datasource.username"));
            physical.setPassword(environment.getProperty("spring.datasource.password"));
            var pool = new HikariDataSource();
            pool.setDataSource(CountingDataSource.wrap(physical));
            pool.setPoolName("stepwise-bench");
            // the same spring.datasource.hikari.* settings the application would honour
            Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
            return pool;
        }

        @Bean
        TaskHandler benchProbe() {
            return new TaskHandler() {
                @Override
                public Set<String> resources() {
                    return Set.of("bench:probe");
                }

                @Override
                public JsonNode handle(TaskRequest request) {
                    PROBE_STARTS.putIfAbsent(request.input().path("i").asInt(), System.nanoTime());
                    return request.input();
                }
            };
        }
    }
}
