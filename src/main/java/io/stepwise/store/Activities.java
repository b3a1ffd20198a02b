package io.stepwise.store;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Activities: named queues of tasks that workers outside the service poll (see {@link Callbacks#poll}),
 * unique per {@link Namespace}; a Task's activity is the one of its execution's namespace.
 */
@Service
public class Activities {

    /** An activity; {@code waiting} counts its tasks no worker has polled yet (null where not counted). */
    public record Activity(String name, Instant createdAt, Long waiting) {
    }

    /** The activity, and whether this call created it (false: it existed). */
    public record Created(Activity activity, boolean created) {
    }

    private static final RowMapper<Activity> ACTIVITY = (rs, n) -> new Activity(rs.getString("name"),
            Rows.instant(rs, "created_at"), null);

    private final JdbcClient jdbc;
    private final Clock clock;

    Activities(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Creates the activity unless it exists: a repeated create answers the existing one. */
    public Created create(Namespace namespace, String name) {
        Optional<Activity> created = jdbc.sql(SqlStatements.get("ActivityCreate")).param("namespace", namespace.name())
                .param("name", name).param("now", Rows.timestamp(clock.instant())).query(ACTIVITY).optional();
        return created.map(a -> new Created(a, true))
                .orElseGet(() -> new Created(find(namespace, name).orElseThrow(), false));
    }

    /** {@link #create(Namespace, String)} in the default namespace. */
    public Created create(String name) {
        return create(Namespace.DEFAULT, name);
    }

    public Optional<Activity> find(Namespace namespace, String name) {
        return jdbc.sql(SqlStatements.get("ActivityByName")).param("namespace", namespace.name()).param("name", name)
                .query(ACTIVITY).optional();
    }

    public List<Activity> list(Namespace namespace) {
        return jdbc.sql(SqlStatements.get("ActivityList")).param("namespace", namespace.name())
                .query((rs, n) -> new Activity(rs.getString("name"), Rows.instant(rs, "created_at"),
                        rs.getLong("waiting"))).list();
    }

    /** @return false when there was no such activity */
    public boolean delete(Namespace namespace, String name) {
        return jdbc.sql(SqlStatements.get("ActivityDelete")).param("namespace", namespace.name()).param("name", name)
                .update() == 1;
    }
}
