package io.stepwise.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.store.Namespace;
import io.stepwise.store.StateMachines;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.ReplicaKillSwitch;
import io.stepwise.support.Replicas;
import io.stepwise.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The schedules' signature test, and the only long one: a cron of every second, fired by three
 * replicas on one database for 60 seconds, one of them killed half-way (cut off from the database, as
 * if its process had vanished). Every fire instant gets exactly one execution: no gap, no duplicate.
 */
class ScheduleClusterTest {

    private static final int FIRES = 60;
    private static final DateTimeFormatter FIRE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

    @AfterEach
    void stopReplicas() {
        replicas.forEach(ConfigurableApplicationContext::close);
    }

    private record Fired(Instant fire, Instant startDate) {
        Duration late() {
            return Duration.between(fire, startDate);
        }
    }

    @Test
    void aCronEverySecondFiresOncePerSecondAcrossThreeReplicasWhileOneDies() {
        // a database of its own: other test contexts of this JVM would otherwise fire its schedule too
        TestDatabase db = TestDatabase.get().isolated("schedule_cluster_test");
        // one after another: Spring Boot sets up logging for the whole JVM as each application starts, and two
        // starting at once in one JVM can find it half set up (a CI run failed so)
        for (int i = 0; i < 3; i++) {
            replicas.add(Replicas.start(db, List.of(ReplicaKillSwitch.class), "spring.datasource.hikari.maximum-pool-size=6"));
        }
        // the test's own connection: any replica may be the one killed
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(db.url(), db.user(), db.password()));
        replicas.getFirst().getBean(StateMachines.class).register("tick", Json.parse(Asl.single("Done", Asl.pass())),
                null);
        // ALL: a fire that comes due while its replica is dying is made up by another, however late
        Instant first = replicas.getFirst().getBean(Schedules.class).put(Namespace.DEFAULT, new ScheduleSpec("tick", "* * * * * *", null,
                "tick", null, null, null, null, io.stepwise.store.ScheduleCatchUp.ALL, null, null, null))
                .schedule().nextFireAt();
        Instant last = first.plusSeconds(FIRES - 1);

        Eventually.await(Duration.ofSeconds(60), () -> count(jdbc), n -> n >= FIRES / 2);
        // kill the replica that fired most so far: the one most likely to be inside a fire right now
        ConfigurableApplicationContext victim = replicas.stream()
                .max(Comparator.comparingLong(r -> r.getBean(ScheduleFiring.class).started())).orElseThrow();
        long victimStarted = victim.getBean(ScheduleFiring.class).started();
        victim.getBean(ReplicaKillSwitch.class).kill();
        Instant killedAt = Instant.now();

        Eventually.await(Duration.ofSeconds(60), () -> count(jdbc), n -> n >= FIRES + 2);
        replicas.stream().filter(r -> r != victim).findFirst().orElseThrow().getBean(Schedules.class)
                .delete(Namespace.DEFAULT, "tick");

        List<Fired> fired = jdbc.sql("SELECT name, start_date FROM execution WHERE state_machine_name = 'tick'")
                .query((rs, n) -> new Fired(FIRE.parse(rs.getString("name").substring("tick-".length()), Instant::from),
                        rs.getTimestamp("start_date").toInstant())).list().stream()
                .sorted(Comparator.comparing(Fired::fire)).toList();
        List<Instant> window = fired.stream().map(Fired::fire).filter(f -> !f.isAfter(last)).toList();
        assertThat(window).as("one execution per fire instant, no gap, no duplicate")
                .isEqualTo(IntStream.range(0, FIRES).mapToObj(first::plusSeconds).toList());
        assertThat(fired).allSatisfy(f -> assertThat(f.late()).isGreaterThanOrEqualTo(Duration.ZERO));
        long afterKill = fired.stream().filter(f -> f.fire().isAfter(killedAt.plusSeconds(1))).count();
        assertThat(afterKill).as("the survivors went on firing").isPositive();
        assertThat(replicas.stream().mapToLong(r -> r.getBean(ScheduleFiring.class).repeated()).sum()).isZero();

        List<Long> late = fired.stream().map(f -> f.late().toMillis()).sorted().toList();
        System.out.printf("schedule cluster: %d fires, killed a replica that had started %d at %s; start delay"
                + " after the fire instant p50 %d ms, p99 %d ms, max %d ms%n", fired.size(), victimStarted, killedAt,
                late.get(late.size() / 2), late.get((int) Math.ceil(late.size() * 0.99) - 1), late.getLast());
        fired.stream().filter(f -> f.late().toMillis() > 50).forEach(f -> System.out.printf(
                "  late: fire %s started %d ms after its instant (%d ms after the kill)%n", f.fire(), f.late().toMillis(),
                Duration.between(killedAt, f.fire()).toMillis()));
    }

    private static int count(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM execution WHERE state_machine_name = 'tick'").query(Integer.class).single();
    }
}
