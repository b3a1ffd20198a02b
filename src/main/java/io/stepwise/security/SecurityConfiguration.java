package io.stepwise.security;

import io.stepwise.store.AuditLog;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import jakarta.servlet.DispatcherType;

/**
 * The filter chain (docs/security.md). On: every request needs a bearer API key or JWT, except the
 * public actuator endpoints and the API's description; {@link EndpointAccess} decides by
 * {@link EndpointRoles}; 401 and 403 are problems written by the api package's entry point and
 * access-denied handler; {@link AuditRecorder} records mutating calls. Off: everything is let through,
 * as before there was security.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    /** RFC 6750's b64token: what DefaultBearerTokenResolver accepts after "Bearer ". */
    private static final String B64TOKEN = "[A-Za-z0-9\\-._~+/]+=*";
    private static final int MIN_BOOTSTRAP_KEY = 32;

    @Bean
    SecurityMode securityMode(SecurityProperties properties, Environment environment) {
        String bootstrap = properties.bootstrapKey();
        if (bootstrap != null && !bootstrap.isBlank()
                && (bootstrap.length() < MIN_BOOTSTRAP_KEY || !bootstrap.matches(B64TOKEN))) {
            // never the key itself in the message
            throw new IllegalStateException("stepwise.security.bootstrap-key must be at least " + MIN_BOOTSTRAP_KEY
                    + " characters of A-Z a-z 0-9 - . _ ~ + / (optionally ending in '='), such as the output of"
                    + " 'openssl rand -base64 32'; the one given is " + bootstrap.length() + " characters long"
                    + (bootstrap.matches(B64TOKEN) ? "." : " and has other characters."));
        }
        SecurityMode mode = SecurityMode.of(properties, environment);
        mode.log();
        return mode;
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SecurityFilterChain stepwiseSecurity(HttpSecurity http, SecurityMode mode, SecurityProperties properties,
            ApiKeys keys, ObjectProvider<JwtDecoder> jwtDecoder, AuthenticationEntryPoint unauthenticated,
            AccessDeniedHandler forbidden, AuditLog audit, Clock clock) throws Exception {
        http.csrf(csrf -> csrf.disable()) // bearer tokens only: no cookie a browser would send by itself
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable());
        if (!mode.enabled()) {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
        }
        var manager = BearerAuthentication.manager(keys, jwtDecoder.getIfAvailable(), properties.jwt());
        return http
                .oauth2ResourceServer(server -> server.authenticationManagerResolver(request -> manager)
                        .authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .authorizeHttpRequests(requests -> requests
                        // the error page renders what was already decided; async dispatches continue an authorized request
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .requestMatchers(EndpointRequest.to(properties.publicActuatorEndpoints().toArray(String[]::new)))
                        .permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(Role.ADMIN.name())
                        .anyRequest().access(new EndpointAccess()))
                .addFilterBefore(new AuditRecorder(audit, clock), BearerTokenAuthenticationFilter.class)
                .build();
    }

    /**
     * Spring Security's firewall refuses what the API already answers with problems of its own (an
     * encoded slash, a NUL in a filter, a header over its limits: api.HostileInputTest), so it lets
     * them through to keep those answers the same with security on and off.
     */
    @Bean
    WebSecurityCustomizer lenientFirewall() {
        var firewall = new StrictHttpFirewall();
        firewall.setUnsafeAllowAnyHttpMethod(true);
        firewall.setAllowSemicolon(true);
        firewall.setAllowUrlEncodedSlash(true);
        firewall.setAllowUrlEncodedDoubleSlash(true);
        firewall.setAllowUrlEncodedPeriod(true);
        firewall.setAllowUrlEncodedPercent(true);
        firewall.setAllowBackSlash(true);
        firewall.setAllowNull(true);
        firewall.setAllowUrlEncodedCarriageReturn(true);
        firewall.setAllowUrlEncodedLineFeed(true);
        firewall.setAllowUrlEncodedParagraphSeparator(true);
        firewall.setAllowUrlEncodedLineSeparator(true);
        firewall.setAllowedHeaderNames(name -> true);
        firewall.setAllowedHeaderValues(value -> true);
        firewall.setAllowedParameterNames(name -> true);
        firewall.setAllowedParameterValues(value -> true);
        firewall.setAllowedHostnames(host -> true);
        return web -> web.httpFirewall(firewall);
    }
}
