package io.stepwise.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page, in place of Spring Boot's {@code BasicErrorController} (whose
 * JSON is not a problem and which answers a direct request for /error with 500). Errors that never
 * reach a controller arrive here: a method the container refuses (TRACE), an exception thrown by a
 * filter, a {@code sendError} outside Spring MVC. Each becomes a problem with its status kept; a
 * request for /error itself is a 404 like any other unknown path.
 */
@Hidden // the container's error page, not an endpoint of the API
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Throwable exception = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (!(status instanceof Integer code)) {
            return Problems.response(Problems.forStatus(404, "No endpoint at " + request.getRequestURI()
                    + ". The API lives under /v1; /v3/api-docs describes it."));
        }
        if (exception != null && QueryStrings.isUndecodable(exception)) {
            return Problems.response(QueryStrings.problem(request.getQueryString()));
        }
        if (exception instanceof HttpMessageNotReadableException) {
            // a filter that read the body and failed (Spring's form filter, were it enabled)
            return Problems.response(Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                    "The request body could not be read as sent. Send JSON with 'Content-Type: application/json'.",
                    null));
        }
        String path = uri == null ? "this path" : uri.toString();
        String detail = switch (code) {
            case 404 -> "No endpoint at " + path + ". The API lives under /v1; /v3/api-docs describes it.";
            case 405 -> "The request's method is not supported on " + path + ".";
            default -> code >= 500 ? "Stepwise could not complete the request. The server log has the details."
                    : "The request to " + path + " could not be served as sent (HTTP " + code + ").";
        };
        if (code >= 500) {
            log.error("Unexpected error serving {}", path, exception);
        }
        return Problems.response(Problems.forStatus(code, detail));
    }
}
