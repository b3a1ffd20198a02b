package io.stepwise.api;

import io.stepwise.asl.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 9457 problem bodies with stable {@code type} URIs. A client may switch on {@code type}; titles
 * and details are for people. {@code pointer} is the JSON pointer of the offending field, when one
 * applies: into the request body, or into the definition inside it.
 */
final class Problems {

    static final String TYPE_PREFIX = "urn:stepwise:problem:";

    /** Types of the errors that only have a status (Spring MVC's own, the servlet container's), by status. */
    private static final Map<Integer, String[]> BY_STATUS = Map.of(
            400, new String[] {"invalid-request", "Invalid request"},
            404, new String[] {"not-found", "Not found"},
            405, new String[] {"method-not-allowed", "Method not allowed"},
            406, new String[] {"not-acceptable", "Not acceptable"},
            413, new String[] {"payload-too-large", "Payload too large"},
            414, new String[] {"uri-too-long", "URI too long"},
            415, new String[] {"unsupported-media-type", "Unsupported media type"},
            431, new String[] {"headers-too-large", "Request headers too large"});

    private Problems() {
    }

    static ProblemDetail of(HttpStatus status, String type, String title, String detail, String pointer) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        if (pointer != null) {
            problem.setProperty("pointer", pointer);
        }
        return withInstance(problem);
    }

    /**
     * Sets {@code instance} to the request's path, as Spring MVC would, but safely: Spring parses the raw
     * path as a URI and throws on one such as {@code //x} (an authority without a host), which turned the
     * problem into an error of its own.
     */
    static ProblemDetail withInstance(ProblemDetail problem) {
        if (problem.getInstance() == null
                && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            String path = attributes.getRequest().getRequestURI();
            try {
                problem.setInstance(new URI(path));
            } catch (URISyntaxException e) {
                try {
                    problem.setInstance(new URI(null, null, path.replaceFirst("^/+", "/"), null));
                } catch (URISyntaxException unusable) {
                    problem.setInstance(URI.create("about:blank"));
                }
            }
        }
        return problem;
    }

    /** The problem for an error known only by its status (405 → method-not-allowed, any other 4xx → invalid-request). */
    static ProblemDetail forStatus(int status, String detail) {
        String[] type = BY_STATUS.getOrDefault(status, status >= 400 && status < 500
                ? new String[] {"invalid-request", "Invalid request"} : new String[] {"internal", "Internal error"});
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        problem.setType(URI.create(TYPE_PREFIX + type[0]));
        problem.setTitle(type[1]);
        return withInstance(problem);
    }

    /** Gives a problem its stable type and title when it has none (Spring's own carry about:blank). */
    static void typed(ProblemDetail problem) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            ProblemDetail standard = forStatus(problem.getStatus(), "");
            problem.setType(standard.getType());
            problem.setTitle(standard.getTitle());
        }
        withInstance(problem);
    }

    /**
     * The problem as a response whose Content-Type is set in advance, so that it is written whatever
     * the request's Accept header says (a client that accepts only image/png still learns what it did
     * wrong, rather than getting an empty body).
     */
    static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Adds the problem Content-Type to headers that will carry a problem body. */
    static HttpHeaders withProblemType(HttpHeaders headers) {
        HttpHeaders copy = new HttpHeaders();
        copy.putAll(headers);
        copy.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return copy;
    }

    /** Writes the problem as the whole response, for filters that answer before Spring MVC. */
    static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json(problem));
    }

    /** The problem as JSON bytes, for the places that answer outside Spring MVC (filters, Tomcat's valve). */
    static byte[] json(ProblemDetail problem) {
        ObjectNode node = Json.NODES.objectNode();
        node.put("type", String.valueOf(problem.getType()));
        node.put("title", problem.getTitle());
        node.put("status", problem.getStatus());
        node.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            node.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            problem.getProperties().forEach((name, value) -> node.set(name, Json.MAPPER.valueToTree(value)));
        }
        return Json.write(node).getBytes(StandardCharsets.UTF_8);
    }
}
