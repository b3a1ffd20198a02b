package io.stepwise.security;

import io.stepwise.store.ApiKeyStore;
import io.stepwise.store.Namespace;
import io.stepwise.store.StoredApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * API keys: {@code sw_<prefix>_<secret>}, 12 hex characters of public prefix (the lookup, and how the
 * audit trail and the listing name the key) and 256 random bits of secret. Only the key's SHA-256 is
 * stored: a slow password hash buys nothing for a random 256-bit value, and costs every request. The
 * whole key is shown once, when created, and never stored, logged or returned again.
 *
 * <p>A key that was looked up is trusted for {@code stepwise.security.api-key-cache-ttl} (10 s) on this
 * replica, so a request costs a hash and a map lookup, not a query. Revoking evicts the key here at
 * once; other replicas refuse it when their entry expires.
 */
@Service
public class ApiKeys {

    static final String PREFIX = "sw_";
    private static final int PREFIX_BYTES = 6;
    private static final int SECRET_BYTES = 32;
    /** Beyond this many cached keys the cache starts afresh, so random tokens cannot grow it without bound. */
    private static final int MAX_CACHED = 10_000;

    /** A new key: the stored row, and the key itself, to be shown once. */
    public record Created(StoredApiKey key, String secret) {
    }

    private record Cached(Caller caller, UUID keyId, long expiresAtMillis) {
    }

    private final ApiKeyStore store;
    private final Clock clock;
    private final long ttlMillis;
    private final byte[] bootstrapHash;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    ApiKeys(ApiKeyStore store, Clock clock, SecurityProperties properties) {
        this.store = store;
        this.clock = clock;
        this.ttlMillis = properties.apiKeyCacheTtl().toMillis();
        this.bootstrapHash = properties.bootstrapKey() == null || properties.bootstrapKey().isBlank() ? null
                : sha256(properties.bootstrapKey());
    }

    /** A key of the default namespace. */
    public Created create(String name, Role role, String createdBy) {
        return create(name, role, createdBy, List.of(Namespace.DEFAULT.name()));
    }

    /** @param namespaces the namespaces the key may name, {@link Caller#ALL_NAMESPACES} for all */
    public Created create(String name, Role role, String createdBy, List<String> namespaces) {
        String prefix = HexFormat.of().formatHex(bytes(PREFIX_BYTES));
        String secret = PREFIX + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(SECRET_BYTES));
        var key = new StoredApiKey(UUID.randomUUID(), prefix, sha256(secret), name, role.id(), clock.instant(),
                createdBy, null, namespaces);
        store.insert(key);
        return new Created(key, secret);
    }

    public List<StoredApiKey> list() {
        return store.list();
    }

    public Optional<StoredApiKey> find(UUID id) {
        return store.byId(id);
    }

    /** Revokes the key; this replica refuses it from now on. Empty when there is no such key. */
    public Optional<StoredApiKey> revoke(UUID id) {
        Optional<StoredApiKey> revoked = store.revoke(id, clock.instant());
        cache.values().removeIf(cached -> id.equals(cached.keyId()));
        return revoked;
    }

    /** Whether the token is meant as an API key (stored or bootstrap) rather than, say, a JWT. */
    boolean handles(String token) {
        return token.startsWith(PREFIX) || isBootstrap(token);
    }

    /** The caller the key belongs to; empty when it is unknown, wrong or revoked. */
    Optional<Caller> authenticate(String token) {
        byte[] hash = sha256(token);
        if (bootstrapHash != null && MessageDigest.isEqual(hash, bootstrapHash)) {
            return Optional.of(Caller.of(Caller.BOOTSTRAP, List.of(Role.ADMIN), List.of(Caller.ALL_NAMESPACES)));
        }
        String cacheKey = Base64.getEncoder().encodeToString(hash);
        long now = clock.millis();
        Cached cached = cache.get(cacheKey);
        if (cached != null && cached.expiresAtMillis() > now) {
            return Optional.of(cached.caller());
        }
        Optional<StoredApiKey> stored = prefixOf(token).flatMap(store::byPrefix)
                .filter(key -> key.revokedAt() == null && MessageDigest.isEqual(hash, key.hash()));
        if (stored.isEmpty()) {
            cache.remove(cacheKey);
            return Optional.empty();
        }
        StoredApiKey key = stored.get();
        Caller caller = Caller.of("key:" + key.prefix(), List.of(Role.named(key.role()).orElseThrow()),
                key.namespaces());
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(cacheKey, new Cached(caller, key.id(), now + ttlMillis));
        return Optional.of(caller);
    }

    private boolean isBootstrap(String token) {
        return bootstrapHash != null && MessageDigest.isEqual(sha256(token), bootstrapHash);
    }

    /** sw_<12 hex>_<secret> → the 12 hex characters. */
    private static Optional<String> prefixOf(String token) {
        int end = PREFIX.length() + PREFIX_BYTES * 2;
        if (token.length() <= end + 1 || token.charAt(end) != '_') {
            return Optional.empty();
        }
        return Optional.of(token.substring(PREFIX.length(), end));
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
