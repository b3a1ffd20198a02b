package io.stepwise.task.http;

import io.stepwise.asl.Json;
import io.stepwise.task.TaskFailure;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;

/**
 * OAuth 2 client credentials (RFC 6749 §4.4): a bearer token from the token endpoint, cached and shared
 * by every task using the connection until shortly before it expires, so a burst of tasks costs one
 * token request. A 401 from the API drops the token it was sent with, and the next credential is fresh.
 */
final class OAuthClientCredentials implements ConnectionAuth {

    /** Without {@code expires_in}, a token is trusted this long (a 401 ends it sooner). */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    /** Refresh this long before expiry (or at half-life for shorter tokens), so no request carries a token about to lapse. */
    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofSeconds(30);

    private final String connection;
    private final HttpConnectionProperties.OAuth settings;
    private final HttpClient client;
    private final Clock clock;
    private final Duration timeout;
    // a lock, not synchronized: callers are virtual threads, and the token request blocks
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile Token current;

    private record Token(String value, Instant refreshAt) {
    }

    OAuthClientCredentials(String connection, HttpConnectionProperties.OAuth settings, HttpClient client, Clock clock,
            Duration timeout) {
        this.connection = connection;
        this.settings = settings;
        this.client = client;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public Credential credential() throws InterruptedException {
        Token token = current;
        if (token == null || !clock.instant().isBefore(token.refreshAt())) {
            fetching.lockInterruptibly();
            try {
                token = current;
                if (token == null || !clock.instant().isBefore(token.refreshAt())) {
                    token = fetch();
                    current = token;
                }
            } finally {
                fetching.unlock();
            }
        }
        return bearer(token.value());
    }

    @Override
    public boolean rejected(Credential used) {
        fetching.lock();
        try {
            Token token = current;
            if (token != null && bearer(token.value()).value().equals(used.value())) {
                current = null;
            }
        } finally {
            fetching.unlock();
        }
        return true;
    }

    @Override
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>(List.of(settings.clientSecret()));
        Token token = current;
        if (token != null) {
            secrets.add(token.value());
        }
        return secrets;
    }

    private static Credential bearer(String token) {
        return new Credential("Authorization", "Bearer " + token, List.of(token));
    }

    private Token fetch() throws InterruptedException {
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        if (settings.scope() != null && !settings.scope().isBlank()) {
            form.append("&scope=").append(URLEncoder.encode(settings.scope(), StandardCharsets.UTF_8));
        }
        // RFC 6749 §2.3.1: id and secret are form-encoded before they are joined
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(settings.clientId(), StandardCharsets.UTF_8)
                + ":" + URLEncoder.encode(settings.clientSecret(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.tokenEndpoint()))
                .timeout(timeout)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build();
        Instant asked = clock.instant();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw failure("the token endpoint could not be reached (" + e.getClass().getSimpleName() + ")", e);
        }
        if (response.statusCode() / 100 != 2) {
            // the body is left out: an error answer may repeat what was sent
            throw failure("the token endpoint answered " + response.statusCode(), null);
        }
        JsonNode body;
        try {
            body = Json.parse(response.body());
        } catch (RuntimeException e) {
            throw failure("the token endpoint's answer is not JSON", null);
        }
        JsonNode accessToken = body.path("access_token");
        if (!accessToken.isString() || accessToken.stringValue().isEmpty()) {
            throw failure("the token endpoint's answer has no access_token", null);
        }
        JsonNode expiresIn = body.path("expires_in");
        Duration lifetime = expiresIn.canConvertToLong() && expiresIn.longValue() > 0
                ? Duration.ofSeconds(expiresIn.longValue()) : DEFAULT_LIFETIME;
        Duration early = lifetime.compareTo(REFRESH_BEFORE_EXPIRY.multipliedBy(2)) > 0
                ? REFRESH_BEFORE_EXPIRY : lifetime.dividedBy(2);
        return new Token(accessToken.stringValue(), asked.plus(lifetime).minus(early));
    }

    private TaskFailure failure(String problem, Throwable source) {
        return new TaskFailure(HttpErrors.CONNECTION_STATE, "Connection '" + connection + "' could not authenticate: "
                + problem + ".", source);
    }

    @Override
    public String toString() {
        return "OAuthClientCredentials[" + connection + "]";
    }
}
