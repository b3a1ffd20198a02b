package io.stepwise.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The api_key table (V15): what security.ApiKeys stores and looks up. */
@Service
public class ApiKeyStore {

    private static final RowMapper<StoredApiKey> KEY = (rs, n) -> new StoredApiKey(rs.getObject("id", UUID.class),
            rs.getString("prefix"), rs.getBytes("hash"), rs.getString("name"), rs.getString("role"),
            Rows.instant(rs, "created_at"), rs.getString("created_by"), Rows.instant(rs, "revoked_at"),
            List.of((String[]) rs.getArray("namespaces").getArray()));

    private final JdbcClient jdbc;

    ApiKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(StoredApiKey key) {
        jdbc.sql(SqlStatements.get("ApiKeyInsert")).param("id", key.id()).param("prefix", key.prefix())
                .param("hash", key.hash()).param("name", key.name()).param("role", key.role())
                .param("now", Rows.timestamp(key.createdAt())).param("createdBy", key.createdBy())
                .param("namespaces", key.namespaces().toArray(String[]::new)).update();
    }

    public Optional<StoredApiKey> byPrefix(String prefix) {
        return jdbc.sql(SqlStatements.get("ApiKeyByPrefix")).param("prefix", prefix).query(KEY).optional();
    }

    public Optional<StoredApiKey> byId(UUID id) {
        return jdbc.sql(SqlStatements.get("ApiKeyById")).param("id", id).query(KEY).optional();
    }

    public List<StoredApiKey> list() {
        return jdbc.sql(SqlStatements.get("ApiKeyList")).query(KEY).list();
    }

    /** @return the key as revoked (at its first revocation), or empty when there is no such key */
    public Optional<StoredApiKey> revoke(UUID id, Instant now) {
        return jdbc.sql(SqlStatements.get("ApiKeyRevoke")).param("id", id).param("now", Rows.timestamp(now))
                .query(KEY).optional();
    }
}
