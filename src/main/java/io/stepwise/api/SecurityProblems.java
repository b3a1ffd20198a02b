package io.stepwise.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * 401 and 403 as RFC 9457 problems like every other error, written for the security filter chain
 * (which answers before Spring MVC). A 401 carries {@code WWW-Authenticate: Bearer} (RFC 6750), with
 * {@code error="invalid_token"} when a token was sent and refused. Never the token itself.
 */
@Component
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String REALM = "stepwise";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
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
        write(request, response, ProblemType.FORBIDDEN, "Your role does not allow " + request.getMethod() + " "
                + request.getRequestURI() + ". Ask an admin for a key of a role that does (docs/security.md).");
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, ProblemType type,
            String detail) throws IOException {
        // Problems sets the instance from the current request, which a filter's answer has no holder for
        boolean bound = RequestContextHolder.getRequestAttributes() != null;
        if (!bound) {
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        }
        try {
            Problems.write(response, Problems.of(HttpStatus.valueOf(type.status), type.slug, type.title, detail, null));
        } finally {
            if (!bound) {
                RequestContextHolder.resetRequestAttributes();
            }
        }
    }
}
