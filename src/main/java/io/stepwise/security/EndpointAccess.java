package io.stepwise.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Applies {@link EndpointRoles} to a request. A path no rule covers (an unknown one, which answers
 * 404, or a method the endpoint lacks, 405) needs a caller, any caller: the start-up check makes sure
 * no mapped endpoint is among them.
 */
final class EndpointAccess implements AuthorizationManager<RequestAuthorizationContext> {

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        var access = EndpointRoles.of(request.getMethod(), path);
        if (access.isPresent() && access.get().isPublic()) {
            return new AuthorizationDecision(true);
        }
        Authentication caller = authentication.get();
        if (!(caller instanceof CallerAuthentication known)) {
            return new AuthorizationDecision(false); // anonymous: 401
        }
        return new AuthorizationDecision(access.map(a -> a.admits(known.getPrincipal().roles())).orElse(true));
    }
}
