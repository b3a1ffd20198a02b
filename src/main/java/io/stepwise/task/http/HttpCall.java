package io.stepwise.task.http;

import io.stepwise.asl.Json;
import io.stepwise.task.BuiltinInput;
import io.stepwise.task.TaskRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * An HTTP task's parameters, read and checked: AWS's {@code ApiEndpoint}, {@code Method},
 * {@code Authentication.ConnectionArn}, {@code Headers}, {@code QueryParameters}, {@code RequestBody}
 * and {@code Transform}. A parameter Stepwise cannot use fails the task with
 * {@code Stepwise.InvalidInput} before anything is sent.
 *
 * @param uri the endpoint with the query parameters appended
 * @param headers the definition's headers, as given
 * @param body the request body's bytes as text, or null for none
 * @param contentType the Content-Type to send with the body when the definition sets none
 * @param connectionArn the connection to authenticate with, or null for none
 */
record HttpCall(URI uri, String method, Map<String, String> headers, String body, String contentType,
        String connectionArn) {

    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");

    /**
     * Headers a definition may not set (AWS's list): the connection authenticates, the client frames
     * the message, and forwarding headers would let a definition pose as a proxy.
     */
    static final Set<String> FORBIDDEN_HEADERS = Set.of("a-im", "accept-charset", "accept-datetime",
            "accept-encoding", "authorization", "cache-control", "connection", "content-encoding", "content-length",
            "content-md5", "date", "expect", "forwarded", "from", "host", "http2-settings", "if-match",
            "if-modified-since", "if-none-match", "if-range", "if-unmodified-since", "keep-alive", "max-forwards",
            "origin", "pragma", "proxy-authorization", "referer", "server", "te", "trailer", "transfer-encoding",
            "upgrade", "via", "warning");

    static HttpCall parse(TaskRequest request) {
        String endpoint = string(request, "ApiEndpoint", true);
        String method = string(request, "Method", true).toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw BuiltinInput.invalid(request, "\"Method\" must be one of " + new TreeSet<>(METHODS)
                    + ", was \"" + method + "\"");
        }
        JsonNode transform = object(request, "Transform");
        ArrayFormat arrays = arrayFormat(request, transform);
        boolean urlEncoded = urlEncoded(request, transform);
        URI uri = uri(request, endpoint, query(request, arrays));
        Map<String, String> headers = headers(request);
        JsonNode body = BuiltinInput.field(request, "RequestBody");
        String bodyText = null;
        String contentType = null;
        if (body != null && !(urlEncoded && body.isNull())) {
            if (urlEncoded) {
                if (!body.isObject()) {
                    throw BuiltinInput.invalid(request, "a URL_ENCODED \"RequestBody\" must be a JSON object, was "
                            + body.getNodeType());
                }
                bodyText = FormEncoding.encode(body, arrays);
                contentType = "application/x-www-form-urlencoded";
            } else if (body.isString()) {
                bodyText = body.stringValue();
                contentType = "text/plain; charset=UTF-8";
            } else {
                bodyText = Json.write(body);
                contentType = "application/json; charset=UTF-8";
            }
        }
        JsonNode authentication = object(request, "Authentication");
        String connectionArn = null;
        if (authentication != null) {
            JsonNode arn = authentication.get("ConnectionArn");
            if (arn == null || !arn.isString() || arn.stringValue().isBlank()) {
                throw BuiltinInput.invalid(request, "\"Authentication.ConnectionArn\" must be a non-blank string, was "
                        + arn);
            }
            connectionArn = arn.stringValue();
        }
        return new HttpCall(uri, method, headers, bodyText, contentType, connectionArn);
    }

    private static String string(TaskRequest request, String name, boolean required) {
        JsonNode value = BuiltinInput.field(request, name);
        if (value == null && !required) {
            return null;
        }
        if (value == null || !value.isString() || value.stringValue().isBlank()) {
            throw BuiltinInput.invalid(request, "\"" + name + "\" must be a non-blank string, was " + value);
        }
        return value.stringValue();
    }

    private static JsonNode object(TaskRequest request, String name) {
        JsonNode value = BuiltinInput.field(request, name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw BuiltinInput.invalid(request, "\"" + name + "\" must be a JSON object, was " + value.getNodeType());
        }
        return value;
    }

    private static boolean urlEncoded(TaskRequest request, JsonNode transform) {
        JsonNode encoding = transform == null ? null : transform.get("RequestBodyEncoding");
        if (encoding == null || encoding.isNull() || "NONE".equals(encoding.asString(null))) {
            return false;
        }
        if ("URL_ENCODED".equals(encoding.asString(null))) {
            return true;
        }
        throw BuiltinInput.invalid(request, "\"Transform.RequestBodyEncoding\" must be NONE or URL_ENCODED, was "
                + encoding);
    }

    private static ArrayFormat arrayFormat(TaskRequest request, JsonNode transform) {
        JsonNode options = transform == null ? null : transform.get("RequestEncodingOptions");
        JsonNode format = options == null || !options.isObject() ? null : options.get("ArrayFormat");
        if (format == null || format.isNull()) {
            return ArrayFormat.INDICES;
        }
        for (ArrayFormat known : ArrayFormat.values()) {
            if (known.name().equals(format.asString(null))) {
                return known;
            }
        }
        throw BuiltinInput.invalid(request, "\"Transform.RequestEncodingOptions.ArrayFormat\" must be one of "
                + Arrays.toString(ArrayFormat.values()) + ", was " + format);
    }

    private static String query(TaskRequest request, ArrayFormat arrays) {
        JsonNode parameters = object(request, "QueryParameters");
        return parameters == null || parameters.isEmpty() ? null : FormEncoding.encode(parameters, arrays);
    }

    private static URI uri(TaskRequest request, String endpoint, String query) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw BuiltinInput.invalid(request, "\"ApiEndpoint\" is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw BuiltinInput.invalid(request, "\"ApiEndpoint\" must be an absolute http(s) URL with a host, was \""
                    + endpoint + "\"");
        }
        if (query == null) {
            return uri;
        }
        String raw = uri.toString();
        int fragment = raw.indexOf('#');
        String base = fragment < 0 ? raw : raw.substring(0, fragment);
        return URI.create(base + (uri.getRawQuery() == null ? "?" : "&") + query);
    }

    private static Map<String, String> headers(TaskRequest request) {
        JsonNode headers = object(request, "Headers");
        Map<String, String> result = new LinkedHashMap<>();
        if (headers == null) {
            return result;
        }
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            String name = header.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (FORBIDDEN_HEADERS.contains(lower) || lower.startsWith("x-forwarded-") || lower.startsWith("x-amz-")
                    || lower.startsWith("x-amzn-")) {
                throw BuiltinInput.invalid(request, "the header \"" + name + "\" may not be set by a definition"
                        + (lower.equals("authorization") ? " (authenticate through Authentication.ConnectionArn)" : ""));
            }
            JsonNode value = header.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw BuiltinInput.invalid(request, "the header \"" + name + "\" must be a string, number or boolean, was "
                        + value.getNodeType());
            }
            result.put(name, FormEncoding.text(value));
        }
        return result;
    }
}
