package io.stepwise.api;

import io.stepwise.security.CredentialsUncheckedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * 401 and 403 as RFC 9457 problems like every other error, written for the security filter chain
 * (which answers before Spring MVC). A 401 carries {@code WWW-Authenticate: Bearer} (RFC 6750), with
 * {@code error="invalid_token"} when a token was sent and refused. Never the token itself. A key that
 * could not be checked because the database is away is a 503 with Retry-After, like any request then.
 */
@Component
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(SecurityProblems.class);
    static final String REALM = "stepwise";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof CredentialsUncheckedException) {
            // the key may well be good: a database outage must not look like a bad key
            log.warn("The database is unavailable; a key could not be checked, answering 503: {}",
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseUnavailableHandler.RETRY_AFTER_SECONDS);
            write(request, response, DatabaseUnavailableHandler::problem);
            return;
        }
        boolean sent = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, sent
                ? "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", error_description=\"The token was refused\""
                : "Bearer realm=\"" + REALM + "\"");
        write(request, response, ProblemType.UNAUTHORIZED, sent
                ? "The bearer token was refused: an API key that is unknown or revoked, or a JWT that is expired,"
                        + " not yet valid or not signed by the configured issuer. Send 'Authorization: Bearer <key>'"
                        + " with a valid key."
                : "This endpoint needs credentials: send 'Authorization: Bearer <API key or JWT>'"
                        + " (docs/security.md).");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (e instanceof CsrfException) {
            write(request, response, ProblemType.FORBIDDEN, "This request relies on the console's sign-in but"
                    + " lacks its form token (X-CSRF-TOKEN), or the token is stale: reload the page and try again.");
            return;
        }
        write(request, response, ProblemType.FORBIDDEN, "Your role does not allow " + request.getMethod() + " "
                + request.getRequestURI() + ". Ask an admin for a key of a role that does (docs/security.md).");
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, ProblemType type,
            String detail) throws IOException {
        write(request, response, () -> Problems.of(HttpStatus.valueOf(type.status), type.slug, type.title, detail,
                null));
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, Supplier<ProblemDetail> problem)
            throws IOException {
        // Problems sets the instance from the current request, which a filter's answer has no holder for
        boolean bound = RequestContextHolder.getRequestAttributes() != null;
        if (!bound) {
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        }
        try {
            Problems.write(response, problem.get());
        } finally {
            if (!bound) {
                RequestContextHolder.resetRequestAttributes();
            }
        }
    }
}
