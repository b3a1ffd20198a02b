package io.stepwise.security;

import io.stepwise.store.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import jakarta.servlet.DispatcherType;

/**
 * The filter chain (docs/security.md). On: every request needs a bearer API key or JWT (or the web
 * console's session cookie, {@link ConsoleSessions}), except the public actuator endpoints, the API's
 * description and the console's sign-in page; {@link EndpointAccess} decides by
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
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

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
            AccessDeniedHandler forbidden, AuditLog audit, Clock clock, ConsoleSessions sessions) throws Exception {
        // no HttpSession: bearer tokens, or the console's signed cookie (ConsoleSessions says why)
        http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable());
        if (!mode.enabled()) {
            return http.csrf(csrf -> csrf.disable()) // no credentials at all, so none a browser could be tricked into sending
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
        }
        var manager = BearerAuthentication.manager(keys, jwtDecoder.getIfAvailable(), properties.jwt());
        return http
                .oauth2ResourceServer(server -> server.authenticationManagerResolver(request -> manager)
                        .authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(failures(unauthenticated));
                                return filter;
                            }
                        }))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens())
                        .requireCsrfProtectionMatcher(SecurityConfiguration::sentByConsole)
                        // stateless, every authenticated request looks like a fresh sign-in to session management,
                        // which would rotate the token under the page; ConsoleSessions rotates it at sign-in instead
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(signInFirst(unauthenticated))
                        .accessDeniedHandler(forbidden))
                .authorizeHttpRequests(requests -> requests
                        // the error page renders what was already decided; async dispatches continue an authorized request
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .requestMatchers(EndpointRequest.to(properties.publicActuatorEndpoints().toArray(String[]::new)))
                        .permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(Role.ADMIN.name())
                        .anyRequest().access(new EndpointAccess()))
                .addFilterBefore(new AuditRecorder(audit, clock), BearerTokenAuthenticationFilter.class)
                .addFilterBefore(new ConsoleSessionFilter(sessions, unauthenticated), BearerTokenAuthenticationFilter.class)
                .build();
    }

    /**
     * A state-changing request that a browser could send by itself needs the CSRF token: one that relies
     * on the console's cookie, and the console's own forms (sign-in and sign-out). A request with an
     * Authorization header cannot be forged across sites, and one with neither header nor cookie has no
     * credentials to abuse (it gets its 401).
     */
    private static boolean sentByConsole(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod()) || request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return ConsoleSessions.hasCookie(request) || path.startsWith("/console/");
    }

    /**
     * The CSRF token lives in an HttpOnly, SameSite=Strict cookie (Secure over HTTPS), so it needs no
     * server-side session either; pages carry its masked form in a meta tag and forms, and the console's
     * scripts send it back in the X-CSRF-TOKEN header.
     */
    private static CookieCsrfTokenRepository csrfTokens() {
        var tokens = new CookieCsrfTokenRepository();
        tokens.setCookieName(ConsoleSessions.CSRF_COOKIE);
        tokens.setHeaderName("X-CSRF-TOKEN");
        tokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        return tokens;
    }

    /** A browser opening a console page without a session goes to the sign-in page; everything else gets the 401. */
    private static AuthenticationEntryPoint signInFirst(AuthenticationEntryPoint unauthenticated) {
        return (request, response, e) -> {
            if (e instanceof CredentialsUncheckedException || !ConsoleSessions.isPageView(request)) {
                unauthenticated.commence(request, response, e);
                return;
            }
            String page = request.getRequestURI().substring(request.getContextPath().length())
                    + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            response.sendRedirect(request.getContextPath() + ConsoleSessions.SIGN_IN + "?next="
                    + URLEncoder.encode(page, StandardCharsets.UTF_8));
        };
    }

    /**
     * Refusals go to the entry point (401), and so does a key that could not be checked while the database
     * is away (it answers 503); any other internal failure is rethrown, as Spring Security's default does.
     */
    private static AuthenticationFailureHandler failures(AuthenticationEntryPoint unauthenticated) {
        return (request, response, e) -> {
            if (e instanceof AuthenticationServiceException && !(e instanceof CredentialsUncheckedException)) {
                throw e;
            }
            unauthenticated.commence(request, response, e);
        };
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
