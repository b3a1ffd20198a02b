package io.stepwise.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A verified JWT's caller: {@code jwt:<sub>}, with the roles named in the configured claim
 * ({@code stepwise.security.jwt.roles-claim}, default {@code roles}; a dotted path reaches into nested
 * objects, e.g. Keycloak's {@code realm_access.roles}). Values are role names in any case; others are
 * ignored, so an identity provider's own roles may share the claim. The namespaces it may name come from
 * {@code stepwise.security.jwt.namespaces-claim} (default {@code namespaces}), the default one alone
 * when the token has none (docs/namespaces.md).
 */
final class JwtRoles implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String[] claimPath;
    private final String[] namespacesPath;

    JwtRoles(String rolesClaim) {
        this(rolesClaim, "namespaces");
    }

    JwtRoles(String rolesClaim, String namespacesClaim) {
        this.claimPath = rolesClaim.split("\\.");
        this.namespacesPath = namespacesClaim.split("\\.");
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<Role> roles = new ArrayList<>();
        for (Object value : values(jwt.getClaims(), claimPath)) {
            Role.named(String.valueOf(value)).ifPresent(roles::add);
        }
        String subject = Optional.ofNullable(jwt.getSubject()).orElse("?");
        List<String> namespaces = values(jwt.getClaims(), namespacesPath).stream().map(String::valueOf).toList();
        return new CallerAuthentication(Caller.of("jwt:" + subject, roles,
                namespaces.isEmpty() ? List.of("default") : namespaces));
    }

    private static Collection<?> values(Map<String, Object> claims, String[] path) {
        Object node = claims;
        for (String name : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return List.of();
            }
            node = map.get(name);
        }
        if (node instanceof Collection<?> list) {
            return list;
        }
        return node instanceof String text ? List.of(text.split("[ ,]+")) : List.of();
    }
}
