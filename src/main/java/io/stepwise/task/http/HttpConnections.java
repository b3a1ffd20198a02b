package io.stepwise.task.http;

import io.stepwise.asl.ErrorNames;
import io.stepwise.task.TaskFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connections configured under {@code stepwise.http.connections.<name>}, found by the name an HTTP
 * task gives in {@code Authentication.ConnectionArn}: the plain name, or an EventBridge connection ARN
 * ({@code arn:aws:events:<region>:<account>:connection/<name>/<uuid>}), so a definition written for AWS
 * runs unchanged once a connection of that name is configured. A bad connection stops the application
 * at start-up.
 */
final class HttpConnections {

    private static final Pattern ARN = Pattern.compile("arn:[^:]+:events:[^:]*:[^:]*:connection/([^/]+)(/.*)?");

    private final Map<String, ConnectionAuth> byName = new HashMap<>();

    HttpConnections(HttpTaskProperties properties, HttpClient client, Clock clock) {
        properties.connections().forEach((name, settings) -> byName.put(name, auth(name, settings, properties, client,
                clock)));
    }

    /** The connection's name in a plain name or an EventBridge connection ARN. */
    static String name(String connectionArn) {
        Matcher arn = ARN.matcher(connectionArn);
        return arn.matches() ? arn.group(1) : connectionArn;
    }

    /**
     * @throws TaskFailure {@code States.Runtime} for an unknown connection: a deployment mistake that no
     *     Retry fixes and no Catch should hide, as for a Resource no handler serves
     */
    ConnectionAuth resolve(String connectionArn) {
        ConnectionAuth auth = byName.get(name(connectionArn));
        if (auth == null) {
            throw new TaskFailure(ErrorNames.RUNTIME, "No HTTP connection '" + name(connectionArn)
                    + "' is configured (stepwise.http.connections." + name(connectionArn) + ".*). Configured: "
                    + new TreeSet<>(byName.keySet()));
        }
        return auth;
    }

    private static ConnectionAuth auth(String name, HttpConnectionProperties settings, HttpTaskProperties properties,
            HttpClient client, Clock clock) {
        String prefix = "stepwise.http.connections." + name + ".";
        int kinds = (settings.basic() == null ? 0 : 1) + (settings.apiKey() == null ? 0 : 1)
                + (settings.oauth() == null ? 0 : 1);
        if (kinds != 1) {
            throw new IllegalStateException(prefix + "* must set exactly one of basic, api-key and oauth, found " + kinds);
        }
        if (settings.basic() != null) {
            require(prefix + "basic.username", settings.basic().username());
            require(prefix + "basic.password", settings.basic().password());
            return new BasicAuth(settings.basic().username(), settings.basic().password());
        }
        if (settings.apiKey() != null) {
            require(prefix + "api-key.name", settings.apiKey().name());
            require(prefix + "api-key.value", settings.apiKey().value());
            return new ApiKeyAuth(settings.apiKey().name(), settings.apiKey().value());
        }
        var oauth = settings.oauth();
        require(prefix + "oauth.token-endpoint", oauth.tokenEndpoint());
        require(prefix + "oauth.client-id", oauth.clientId());
        require(prefix + "oauth.client-secret", oauth.clientSecret());
        String scheme = URI.create(oauth.tokenEndpoint()).getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
            throw new IllegalStateException(prefix + "oauth.token-endpoint must be an http(s) URL");
        }
        return new OAuthClientCredentials(name, oauth, client, clock, properties.requestTimeout());
    }

    private static void require(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(property + " must be set");
        }
    }
}
