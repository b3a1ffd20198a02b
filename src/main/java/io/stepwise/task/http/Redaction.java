package io.stepwise.task.http;

import io.stepwise.asl.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Keeps a connection's secrets out of what a task shows (its output, its error's cause, and so the
 * history and the logs): a server that echoes the request, its Authorization header or the API key
 * shows {@value #MASK} in their place.
 */
final class Redaction {

    static final String MASK = "*****";
    static final Redaction NONE = new Redaction(List.of(), Set.of());

    private final List<String> secrets;
    private final Set<String> secretHeaders;

    private Redaction(List<String> secrets, Set<String> secretHeaders) {
        this.secrets = secrets.stream().filter(s -> s != null && !s.isEmpty()).toList();
        this.secretHeaders = secretHeaders;
    }

    static Redaction of(ConnectionAuth auth, Credential used) {
        var secrets = new ArrayList<>(auth.secrets());
        secrets.addAll(used.secretParts());
        secrets.add(used.value());
        return new Redaction(secrets, new HashSet<>(List.of("authorization", "proxy-authorization",
                used.header().toLowerCase(Locale.ROOT))));
    }

    boolean isSecretHeader(String name) {
        return secretHeaders.contains(name.toLowerCase(Locale.ROOT));
    }

    String text(String text) {
        String result = text;
        for (String secret : secrets) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }

    /** The value with every secret in it masked; the same node when none occurs. */
    JsonNode json(JsonNode value) {
        if (secrets.isEmpty()) {
            return value;
        }
        String written = Json.write(value);
        String masked = text(written);
        // a secret is text, so masking it inside a JSON string keeps the document valid
        return masked.equals(written) ? value : Json.parse(masked);
    }
}
