package io.stepwise.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who made a request, as the audit trail names them, and what they may do.
 *
 * @param actor {@code key:<prefix>} for a stored API key, {@code bootstrap} for the configured one,
 *        {@code jwt:<subject>} for an OAuth 2 / OIDC token
 * @param roles the roles held, with everything they imply
 * @param namespaces the namespaces the caller may name ({@value #ALL_NAMESPACES}: all of them)
 */
public record Caller(String actor, Set<Role> roles, Set<String> namespaces) {

    public static final String BOOTSTRAP = "bootstrap";
    /** Stands for every namespace in a key's or token's list. */
    public static final String ALL_NAMESPACES = "*";

    /** The actor of the request being served: {@code anonymous} while authentication is off. */
    public static String currentActor() {
        return AuditRecorder.actor(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The caller of the request being served; empty while authentication is off or for an anonymous request. */
    public static Optional<Caller> current() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication known
                ? Optional.of(known.getPrincipal()) : Optional.empty();
    }

    /**
     * Whether the request being served may name {@code namespace}: its caller is bound to it, or
     * authentication is off (no caller: any namespace may be named, and isolation between them still holds).
     * Another kind of principal (none is configured today) gets the default namespace only.
     */
    public static boolean currentMayUse(String namespace) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof CallerAuthentication caller) {
            return caller.getPrincipal().mayUse(namespace);
        }
        // with authentication on, an anonymous request reaches no namespaced endpoint (EndpointAccess)
        return authentication == null || authentication instanceof AnonymousAuthenticationToken
                || "default".equals(namespace);
    }

    /**
     * The namespaces the request being served may read the global records of (API keys, the audit trail):
     * null for all of them (a caller bound to every namespace, or authentication off), else its own.
     * A team's admin must not learn from them that another team exists (docs/namespaces.md).
     */
    public static Set<String> currentNamespacesOrAll() {
        return current().filter(caller -> !caller.namespaces().contains(ALL_NAMESPACES)).map(Caller::namespaces)
                .orElse(null);
    }

    /** Whether the request being served may name every one of {@code namespaces} ({@value #ALL_NAMESPACES}: all). */
    public static boolean currentMayUseAll(Collection<String> namespaces) {
        return namespaces.stream().allMatch(Caller::currentMayUse);
    }

    public boolean mayUse(String namespace) {
        return namespaces.contains(ALL_NAMESPACES) || namespaces.contains(namespace);
    }

    static Caller of(String actor, Iterable<Role> held, Iterable<String> namespaces) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        held.forEach(role -> roles.addAll(role.implied()));
        Set<String> bound = new HashSet<>();
        namespaces.forEach(bound::add);
        return new Caller(actor, Set.copyOf(roles), Set.copyOf(bound));
    }
}
