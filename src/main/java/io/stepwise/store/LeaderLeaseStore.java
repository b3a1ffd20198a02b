package io.stepwise.store;

import static io.stepwise.store.Rows.instant;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class LeaderLeaseStore {

    private static final RowMapper<LeaderLease> ROW = (rs, n) -> new LeaderLease(
            rs.getString("role"), rs.getString("holder"), rs.getLong("term"), instant(rs, "acquired_at"),
            instant(rs, "expires_at"));

    private final JdbcClient jdbc;

    LeaderLeaseStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<LeaderLease> acquireOrRenew(String role, String holder, Instant now, Instant expiresAt) {
        return jdbc.sql(SqlStatements.get("LeaderLeaseAcquireOrRenew"))
                .param("role", role)
                .param("holder", holder)
                .param("now", Rows.timestamp(now))
                .param("expiresAt", Rows.timestamp(expiresAt))
                .query(ROW).optional();
    }

    boolean resign(String role, String holder, long term, Instant now) {
        return jdbc.sql(SqlStatements.get("LeaderLeaseResign"))
                .param("role", role)
                .param("holder", holder)
                .param("term", term)
                .param("now", Rows.timestamp(now))
                .update() == 1;
    }

    Optional<LeaderLease> byRole(String role) {
        return jdbc.sql(SqlStatements.get("LeaderLeaseByRole")).param("role", role).query(ROW).optional();
    }
}
