package io.stepwise.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its console session cookie ({@link ConsoleSessions}) when it has no
 * Authorization header: the console's pages, its streams, and the API calls its buttons make. A bearer
 * token, when sent, wins. A missing or bad cookie leaves the request anonymous (401, or the sign-in page
 * for a console page); a cookie that cannot be checked while the database is away is a 503.
 */
final class ConsoleSessionFilter extends OncePerRequestFilter {

    private final ConsoleSessions sessions;
    private final AuthenticationEntryPoint unauthenticated;

    ConsoleSessionFilter(ConsoleSessions sessions, AuthenticationEntryPoint unauthenticated) {
        this.sessions = sessions;
        this.unauthenticated = unauthenticated;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) == null && ConsoleSessions.hasCookie(request)) {
            Optional<Caller> caller;
            try {
                caller = sessions.caller(request);
            } catch (CredentialsUncheckedException e) {
                unauthenticated.commence(request, response, e);
                return;
            }
            caller.ifPresent(c -> SecurityContextHolder.setContext(new SecurityContextImpl(new CallerAuthentication(c))));
        }
        chain.doFilter(request, response);
    }
}
