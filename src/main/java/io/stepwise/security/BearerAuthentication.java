package io.stepwise.security;

import io.stepwise.store.DatabaseErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * The two ways in through one {@code Authorization: Bearer} header: a token that starts with
 * {@code sw_} (or is the bootstrap key) is an API key; anything else is a JWT, when an issuer is
 * configured.
 */
final class BearerAuthentication {

    private BearerAuthentication() {
    }

    static AuthenticationManager manager(ApiKeys keys, JwtDecoder jwtDecoder, SecurityProperties.Jwt claims) {
        List<AuthenticationProvider> providers = new ArrayList<>();
        providers.add(apiKeys(keys));
        if (jwtDecoder != null) {
            var jwt = new JwtAuthenticationProvider(jwtDecoder);
            jwt.setJwtAuthenticationConverter(new JwtRoles(claims.rolesClaim(), claims.namespacesClaim()));
            providers.add(jwt);
        } else {
            providers.add(refuse("The bearer token is not an API key (sw_...), and no JWT issuer is configured"
                    + " (spring.security.oauth2.resourceserver.jwt.issuer-uri or jwk-set-uri)."));
        }
        return new ProviderManager(providers);
    }

    private static AuthenticationProvider apiKeys(ApiKeys keys) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String token = ((BearerTokenAuthenticationToken) authentication).getToken();
                if (!keys.handles(token)) {
                    return null; // a JWT, for the next provider
                }
                return checked(() -> keys.authenticate(token)).map(CallerAuthentication::new)
                        .orElseThrow(() -> new InvalidBearerTokenException("The API key is unknown or revoked."));
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }

    /** A key check that needs the database: while it is away, {@link CredentialsUncheckedException} (503), not a refusal. */
    static <T> T checked(Supplier<T> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            if (DatabaseErrors.isUnavailable(e)) {
                throw new CredentialsUncheckedException(e);
            }
            throw e;
        }
    }

    private static AuthenticationProvider refuse(String why) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                throw new InvalidBearerTokenException(why);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }
}
