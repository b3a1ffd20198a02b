package io.stepwise.task.http;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.Json;
import io.stepwise.task.BuiltinInput;
import io.stepwise.task.TaskFailure;
import io.stepwise.task.TaskHandler;
import io.stepwise.task.TaskRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * AWS's HTTP task: {@code arn:aws:states:::http:invoke} (and {@code stepwise:http:invoke}) calls an
 * HTTP API with the state's parameters (see {@link HttpCall}) and returns AWS's output
 * {@code {"Headers", "ResponseBody", "StatusCode", "StatusText"}}. Failures, with AWS's names:
 * <ul>
 *   <li>a non-2xx answer: {@code States.Http.StatusCode.<code>}, the cause being that output as JSON text;</li>
 *   <li>no answer (refused, reset, unknown host, connect timeout): {@code States.Http.Socket};</li>
 *   <li>no answer in time: {@code States.Timeout}. The time is the state's TimeoutSeconds, else
 *       {@code stepwise.http.request-timeout};</li>
 *   <li>a host outside {@code stepwise.http.allowed-hosts}: {@code States.Permissions}.</li>
 * </ul>
 * The connection's secrets never show: not in the output, the cause, or the logs ({@link Redaction}).
 * A resource with the {@code .waitForTaskToken} suffix reaches this handler through the base resource;
 * the call is the same, the step then waits for the callback.
 */
@Component
class HttpInvokeTask implements TaskHandler {

    static final String AWS_RESOURCE = "arn:aws:states:::http:invoke";
    static final String RESOURCE = "stepwise:http:invoke";
    static final String USER_AGENT = "Stepwise-HttpInvoke";

    private final HttpClient client;
    private final HttpConnections connections;
    private final AllowedHosts allowedHosts;
    private final HttpTaskProperties properties;
    private final Semaphore inFlight;

    HttpInvokeTask(HttpClient stepwiseHttpTaskClient, HttpConnections connections, HttpTaskProperties properties) {
        this.client = stepwiseHttpTaskClient;
        this.connections = connections;
        this.allowedHosts = new AllowedHosts(properties.allowedHosts());
        this.properties = properties;
        if (properties.maxConcurrentRequests() < 1) {
            throw new IllegalStateException("stepwise.http.max-concurrent-requests must be at least 1");
        }
        this.inFlight = new Semaphore(properties.maxConcurrentRequests());
    }

    @Override
    public Set<String> resources() {
        return Set.of(AWS_RESOURCE, RESOURCE);
    }

    @Override
    public JsonNode handle(TaskRequest request) throws InterruptedException {
        HttpCall call = HttpCall.parse(request);
        allowedHosts.check(call.uri().getHost());
        ConnectionAuth auth = call.connectionArn() == null ? null : connections.resolve(call.connectionArn());
        Duration timeout = request.stateTimeout().orElse(properties.requestTimeout());
        Credential credential = auth == null ? null : auth.credential();
        Answer answer = send(call, request, credential, timeout);
        if (answer.status() == 401 && auth != null && auth.rejected(credential)) {
            credential = auth.credential();
            answer = send(call, request, credential, timeout);
        }
        Redaction redaction = auth == null ? Redaction.NONE : Redaction.of(auth, credential);
        ObjectNode output = output(answer, redaction);
        if (answer.status() / 100 != 2) {
            throw new TaskFailure(HttpErrors.STATUS_CODE_PREFIX + answer.status(), Json.write(output));
        }
        return output;
    }

    private record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    }

    /**
     * Sends the request and reads the whole answer, both within {@code timeout}: the JDK's own request
     * timeout ends when the headers arrive, so a body that trickles would otherwise hold the task.
     */
    private Answer send(HttpCall call, TaskRequest task, Credential credential, Duration timeout)
            throws InterruptedException {
        HttpRequest request = request(call, task, credential, timeout);
        long max = properties.maxResponseSize().toBytes();
        inFlight.acquire();
        CompletableFuture<HttpResponse<byte[]>> exchange = null;
        try {
            exchange = client.sendAsync(request, LimitedBody.handler(max));
            HttpResponse<byte[]> response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (TimeoutException e) {
            throw timedOut(call, timeout, e);
        } catch (ExecutionException e) {
            throw failure(call, timeout, max, e.getCause());
        } finally {
            if (exchange != null) {
                exchange.cancel(true); // no effect once done; otherwise (interrupted, timed out) the exchange is abandoned
            }
            inFlight.release();
        }
    }

    private static TaskFailure failure(HttpCall call, Duration timeout, long max, Throwable cause) {
        return switch (cause) {
            case LimitedBody.TooLarge tooLarge -> new TaskFailure(ErrorNames.DATA_LIMIT_EXCEEDED, "The response of "
                    + target(call) + " is larger than stepwise.http.max-response-size (" + max + " bytes).", tooLarge);
            case HttpConnectTimeoutException e -> socket(call, "no connection within the connect timeout", e);
            case HttpTimeoutException e -> timedOut(call, timeout, e);
            case ConnectException e -> socket(call, "connection refused", e);
            case IOException e -> socket(call, describe(e), e);
            default -> new TaskFailure(HttpErrors.SOCKET, "Calling " + target(call) + " failed: "
                    + cause.getClass().getSimpleName() + ".", cause);
        };
    }

    private static TaskFailure timedOut(HttpCall call, Duration timeout, Throwable source) {
        return new TaskFailure(ErrorNames.TIMEOUT, "No complete response from " + target(call) + " within "
                + timeout.toMillis() + " ms.", source);
    }

    private HttpRequest request(HttpCall call, TaskRequest task, Credential credential, Duration timeout) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri())
                    .timeout(timeout)
                    .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8))
                    .header("User-Agent", USER_AGENT);
            call.headers().forEach(builder::header);
            if (call.body() != null && call.headers().keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
                builder.header("Content-Type", call.contentType());
            }
            if (task.traceparent() != null) {
                builder.setHeader("traceparent", task.traceparent()); // the called API joins the step's trace
            }
            if (credential != null) {
                builder.setHeader(credential.header(), credential.value());
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            // a header name or value the client refuses (a line break, a name it reserves); the message
            // names the header, never a credential's value
            throw BuiltinInput.invalid(task, "the request cannot be sent: " + e.getMessage());
        }
    }

    private ObjectNode output(Answer answer, Redaction redaction) {
        ObjectNode output = Json.NODES.objectNode();
        ObjectNode headers = output.putObject("Headers");
        String contentType = "";
        for (Map.Entry<String, List<String>> header : answer.headers().entrySet()) {
            if (header.getKey().startsWith(":") || redaction.isSecretHeader(header.getKey())) {
                continue; // HTTP/2 pseudo-headers are not headers; a secret header echoed back is dropped
            }
            // lower case, as AWS shows them: a definition reads $.Headers['content-type'] whatever the server wrote
            String name = header.getKey().toLowerCase(Locale.ROOT);
            var values = headers.has(name) ? (ArrayNode) headers.get(name) : headers.putArray(name);
            header.getValue().forEach(values::add);
            if (name.equals("content-type") && !header.getValue().isEmpty()) {
                contentType = header.getValue().getFirst().toLowerCase(Locale.ROOT);
            }
        }
        output.set("ResponseBody", body(answer.body(), contentType));
        output.put("StatusCode", answer.status());
        output.put("StatusText", StatusTexts.of(answer.status()));
        return (ObjectNode) redaction.json(output);
    }

    /** JSON when the response says it is JSON and parses; otherwise the text (UTF-8). */
    private static JsonNode body(byte[] bytes, String contentType) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        String mediaType = contentType.split(";", 2)[0].trim();
        if (!text.isBlank() && (mediaType.equals("application/json") || mediaType.endsWith("+json"))) {
            try {
                return Json.parse(text);
            } catch (RuntimeException notJson) {
                return Json.NODES.stringNode(text);
            }
        }
        return Json.NODES.stringNode(text);
    }

    private static TaskFailure socket(HttpCall call, String problem, Throwable source) {
        return new TaskFailure(HttpErrors.SOCKET, "Calling " + target(call) + " failed: " + problem + ".", source);
    }

    /** Scheme, host and port only: the path and query may carry data the cause should not repeat. */
    private static String target(HttpCall call) {
        var uri = call.uri();
        return call.method() + " " + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
