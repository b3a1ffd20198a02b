package io.stepwise.support;

import io.stepwise.asl.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** A plain HTTP client for API tests: real requests, raw bodies, no Spring conversions in between. */
public final class Api {

    private final HttpClient client = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String bearer;
    private final String namespace;

    public Api(String baseUrl) {
        this(baseUrl, null);
    }

    /** @param bearer sent as 'Authorization: Bearer' with every request that carries none of its own; null for none */
    public Api(String baseUrl, String bearer) {
        this(baseUrl, bearer, null);
    }

    private Api(String baseUrl, String bearer, String namespace) {
        this.baseUrl = baseUrl;
        this.bearer = bearer;
        this.namespace = namespace;
    }

    /** The same API with another token (null: none). */
    public Api as(String bearer) {
        return new Api(baseUrl, bearer, namespace);
    }

    /** The same API naming {@code namespace} in the Stepwise-Namespace header of every request. */
    public Api in(String namespace) {
        return new Api(baseUrl, bearer, namespace);
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
    }

    public record Response(int status, String contentType, String location, JsonNode body, String raw,
            HttpHeaders headers) {

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response send(HttpRequest.Builder builder) {
        if (namespace != null) {
            builder.setHeader("Stepwise-Namespace", namespace);
        }
        HttpRequest request = builder.build();
        if (bearer != null && request.headers().firstValue("Authorization").isEmpty()) {
            request = HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", "Bearer " + bearer)
                    .build();
        }
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode body = raw == null || raw.isBlank() || !looksLikeJson(raw) ? null : Json.parse(raw);
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Location").orElse(null), body, raw, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean looksLikeJson(String raw) {
        char first = raw.stripLeading().charAt(0);
        return first == '{' || first == '[';
    }

    public static Optional<String> text(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).map(JsonNode::asString);
    }
}
