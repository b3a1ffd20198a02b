package io.stepwise.security;

import io.stepwise.store.AuditEvent;
import io.stepwise.store.AuditLog;
import io.stepwise.store.Namespace;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Records every mutating call (POST, PUT, PATCH, DELETE), refused ones included, once it has been
 * answered: who, when, the method, the path template ({@code /v1/executions/{id}/stop}, the raw path
 * when no endpoint matched), the status, the remote address and the namespace it named. Never a body, a
 * header's value other than the namespace, or a query.
 * It sits in the security filter chain before authentication, so it sees the caller that authentication
 * established and every status the chain answered, 401 and 403 included.
 */
final class AuditRecorder extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditRecorder.class);
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** Longer raw paths (unmatched requests) are cut: the trail names calls, it does not store input. */
    private static final int MAX_PATH = 200;

    private final AuditLog audit;
    private final Clock clock;

    AuditRecorder(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!MUTATING.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        var at = clock.instant();
        try {
            chain.doFilter(request, response);
        } finally {
            record(request, response, at);
        }
    }

    private void record(HttpServletRequest request, HttpServletResponse response, java.time.Instant at) {
        Object template = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String path = template != null ? template.toString()
                : request.getRequestURI().substring(request.getContextPath().length());
        if (path.length() > MAX_PATH) {
            path = path.substring(0, MAX_PATH);
        }
        try {
            audit.record(new AuditEvent(null, at, actor(SecurityContextHolder.getContext().getAuthentication()),
                    request.getMethod(), path, response.getStatus(), request.getRemoteAddr(), namespace(request)));
        } catch (RuntimeException e) {
            // the call itself has been answered; a lost audit row is logged, not turned into the caller's error
            log.error("Could not record {} {} in the audit trail", request.getMethod(), path, e);
        }
    }

    /**
     * The namespace the call named, as its admins read the trail by (docs/namespaces.md): the header's,
     * {@code default} without one; null when the header named no namespace or one its caller may not
     * use (refused as unknown), so one team's refused probes never show in another team's trail.
     */
    private static String namespace(HttpServletRequest request) {
        String named = request.getHeader(Namespace.HEADER);
        if (named == null) {
            named = Namespace.DEFAULT.name();
        }
        return Namespace.isValid(named) && Caller.currentMayUse(named) ? named : null;
    }

    static String actor(Authentication authentication) {
        return authentication instanceof CallerAuthentication caller ? caller.getName() : "anonymous";
    }
}
