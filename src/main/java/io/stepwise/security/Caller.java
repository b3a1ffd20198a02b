package io.stepwise.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who made a request, as the audit trail names them, and what they may do.
 *
 * @param actor {@code key:<prefix>} for a stored API key, {@code bootstrap} for the configured one,
 *        {@code jwt:<subject>} for an OAuth 2 / OIDC token
 * @param roles the roles held, with everything they imply
 */
public record Caller(String actor, Set<Role> roles) {

    public static final String BOOTSTRAP = "bootstrap";

    /** The actor of the request being served: {@code anonymous} while authentication is off. */
    public static String currentActor() {
        return AuditRecorder.actor(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The caller of the request being served; empty while authentication is off or for an anonymous request. */
    public static Optional<Caller> current() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication known
                ? Optional.of(known.getPrincipal()) : Optional.empty();
    }

    static Caller of(String actor, Iterable<Role> held) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        held.forEach(role -> roles.addAll(role.implied()));
        return new Caller(actor, Set.copyOf(roles));
    }
}
