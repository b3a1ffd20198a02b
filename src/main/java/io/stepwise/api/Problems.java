package io.stepwise.api;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem bodies with stable {@code type} URIs. A client may switch on {@code type}; titles
 * and details are for people. {@code pointer} is the JSON pointer of the offending field, when one
 * applies: into the request body, or into the definition inside it.
 */
final class Problems {

    static final String TYPE_PREFIX = "urn:stepwise:problem:";

    private Problems() {
    }

    static ProblemDetail of(HttpStatus status, String type, String title, String detail, String pointer) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        if (pointer != null) {
            problem.setProperty("pointer", pointer);
        }
        return problem;
    }
}
