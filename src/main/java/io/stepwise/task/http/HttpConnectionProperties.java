package io.stepwise.task.http;

/**
 * One connection ({@code stepwise.http.connections.<name>.*}): how an HTTP task authenticates to an
 * API. Exactly one of the three kinds is set. Secrets live here, in the operator's configuration
 * (environment variables, a mounted secret), never in a definition.
 *
 * @param basic HTTP Basic authentication
 * @param apiKey a key sent in a header of its own
 * @param oauth OAuth 2 client credentials: a bearer token fetched from a token endpoint
 */
public record HttpConnectionProperties(Basic basic, ApiKey apiKey, OAuth oauth) {

    /** {@code Authorization: Basic base64(username:password)}. */
    public record Basic(String username, String password) {
    }

    /** {@code <name>: <value>}, e.g. {@code x-api-key: ...}. */
    public record ApiKey(String name, String value) {
    }

    /**
     * The client credentials grant (RFC 6749 §4.4): the client id and secret go to the token endpoint
     * as HTTP Basic; the token is cached until shortly before it expires.
     *
     * @param scope optional, sent as the {@code scope} parameter when set
     */
    public record OAuth(String tokenEndpoint, String clientId, String clientSecret, String scope) {
    }
}
