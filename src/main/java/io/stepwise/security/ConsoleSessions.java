package io.stepwise.security;

import io.stepwise.store.ApiKeyStore;
import io.stepwise.store.Callbacks;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Web console sign-in while authentication is on: the user pastes an API key or a JWT once, the same
 * code as the API checks it, and the browser then holds a signed session cookie instead of the token.
 *
 * <p>Why a signed cookie and not a server-side session: Stepwise runs as several replicas behind one
 * Service (the chart's default is two) without sticky sessions, and an in-memory HttpSession lives on
 * one of them. The cookie names the caller, its roles and an expiry, under an HMAC-SHA256 whose key is
 * derived from the secret every replica already shares in the database (the task-token secret, with a
 * purpose label, so neither key can stand in for the other). It carries no credential: the key or
 * token itself is never stored, logged or sent back. It is HttpOnly, SameSite=Strict, Secure when the
 * request came over HTTPS, and lasts {@code stepwise.security.console-session} (8 h), a JWT's no longer
 * than the token. A stored key's session is checked against the key on every request, so revoking the
 * key ends its console sessions at once on every replica; a bootstrap key's ends when that key changes.
 *
 * <p>State-changing requests that a session authenticates need a CSRF token (see SecurityConfiguration).
 */
@Component
public class ConsoleSessions {

    public static final String COOKIE = "stepwise-console";
    static final String CSRF_COOKIE = "stepwise-csrf";
    public static final String SIGN_IN = "/console/sign-in";
    public static final String SIGN_OUT = "/console/sign-out";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String PURPOSE = "stepwise console session v1";

    /** The answer to a sign-in: a session for the caller, or why not (never repeating the token). */
    public sealed interface SignIn {
        record SignedIn(Caller caller) implements SignIn {
        }

        record Refused(String reason) implements SignIn {
        }
    }

    private final SecurityMode mode;
    private final SecurityProperties properties;
    private final ApiKeyStore keys;
    private final Callbacks secrets;
    private final Clock clock;
    private final JwtDecoder jwtDecoder;
    private final AuthenticationManager bearer;
    private final byte[] bootstrapHash;
    private volatile byte[] signingKey;

    ConsoleSessions(SecurityMode mode, SecurityProperties properties, ApiKeys apiKeys, ApiKeyStore keys,
            Callbacks secrets, Clock clock, ObjectProvider<JwtDecoder> jwtDecoder) {
        this.mode = mode;
        this.properties = properties;
        this.keys = keys;
        this.secrets = secrets;
        this.clock = clock;
        this.jwtDecoder = jwtDecoder.getIfAvailable();
        this.bearer = BearerAuthentication.manager(apiKeys, this.jwtDecoder, properties.jwt());
        this.bootstrapHash = properties.bootstrapKey() == null || properties.bootstrapKey().isBlank() ? null
                : ApiKeys.sha256(properties.bootstrapKey());
    }

    /** Whether the console needs a sign-in at all: only while authentication is on. */
    public boolean enabled() {
        return mode.enabled();
    }

    /**
     * Checks the key or JWT exactly as a bearer token of the API would be checked, and on success sets
     * the session cookie. A caller whose role may not read the console is refused here, not on each page.
     */
    public SignIn signIn(String token, HttpServletRequest request, HttpServletResponse response) {
        if (token == null || token.isBlank()) {
            return new SignIn.Refused("Paste an API key or a bearer token.");
        }
        String bearerToken = token.strip();
        Authentication authenticated;
        try {
            authenticated = bearer.authenticate(new BearerTokenAuthenticationToken(bearerToken));
        } catch (CredentialsUncheckedException e) {
            throw e;
        } catch (AuthenticationException e) {
            return new SignIn.Refused("That key or token was refused: it is unknown, revoked or expired, or not"
                    + " signed by the configured issuer.");
        }
        if (!(authenticated instanceof CallerAuthentication known)) {
            return new SignIn.Refused("That key or token was refused.");
        }
        Caller caller = known.getPrincipal();
        if (!EndpointRoles.of("GET", "/console").orElseThrow().admits(caller.roles())) {
            return new SignIn.Refused("This key's role may not read the console (it needs reader, operator or"
                    + " admin).");
        }
        Instant expires = clock.instant().plus(properties.consoleSession());
        if (!bearerToken.startsWith(ApiKeys.PREFIX) && !caller.actor().equals(Caller.BOOTSTRAP)) {
            Instant tokenExpires;
            try {
                tokenExpires = jwtDecoder.decode(bearerToken).getExpiresAt();
            } catch (JwtException expiredMeanwhile) {
                return new SignIn.Refused("That token has just expired.");
            }
            if (tokenExpires != null && tokenExpires.isBefore(expires)) {
                expires = tokenExpires;
            }
        }
        setCookie(request, response, COOKIE, seal(caller, expires), Duration.between(clock.instant(), expires));
        // a new CSRF token for the new session: the next page finds none and makes one
        setCookie(request, response, CSRF_COOKIE, "", Duration.ZERO);
        // the audit trail names who signed in, like any other authenticated call
        SecurityContextHolder.getContext().setAuthentication(known);
        return new SignIn.SignedIn(caller);
    }

    /** Ends the session in this browser (the cookie is signed, not stored: there is nothing else to end). */
    public void signOut(HttpServletRequest request, HttpServletResponse response) {
        setCookie(request, response, COOKIE, "", Duration.ZERO);
    }

    /**
     * Whether an unauthenticated request is a browser opening a console page, to be sent to the sign-in
     * page rather than answered 401: a GET under /console whose Accept header prefers HTML. Scripts,
     * streams and API clients (JSON first, or event streams) still get the 401 problem.
     */
    public static boolean isPageView(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!("GET".equals(request.getMethod()) && (path.equals("/console") || path.startsWith("/console/")))) {
            return false;
        }
        try {
            MediaType preferred = null;
            for (MediaType type : MediaType.parseMediaTypes(request.getHeader(HttpHeaders.ACCEPT))) {
                if (preferred == null || type.getQualityValue() > preferred.getQualityValue()) {
                    preferred = type;
                }
            }
            return preferred != null && MediaType.TEXT_HTML.equalsTypeAndSubtype(preferred);
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }

    /** Where the sign-in page sends the browser back to: a console page of this service, nothing else. */
    public static String safeNext(String next) {
        return next != null && (next.equals("/console") || next.startsWith("/console/") || next.startsWith("/console?"))
                && !next.contains("\\") && !next.contains("//") ? next : "/console";
    }

    /** Whether the request carries a session cookie, valid or not. */
    static boolean hasCookie(HttpServletRequest request) {
        return cookie(request) != null;
    }

    /**
     * The caller of a valid session cookie: signed here, not expired, and its key not revoked. Empty
     * for none or a bad one. While the database is away a stored key cannot be checked:
     * {@link CredentialsUncheckedException}, a 503.
     */
    Optional<Caller> caller(HttpServletRequest request) {
        String value = cookie(request);
        String[] parts = value == null ? new String[0] : value.split("\\.", -1);
        if (parts.length != 5) {
            return Optional.empty();
        }
        String actor;
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Set<String> namespaces = new HashSet<>();
        long expires;
        try {
            actor = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
            for (String role : parts[1].split("\\+")) {
                roles.add(Role.named(role).orElseThrow());
            }
            for (String namespace : parts[2].split("\\+")) {
                namespaces.add(namespace);
            }
            expires = Long.parseLong(parts[3]);
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
        byte[] expected = BearerAuthentication.checked(() -> signature(actor, parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3]));
        if (expected == null || !MessageDigest.isEqual(expected, parts[4].getBytes(StandardCharsets.US_ASCII))
                || clock.instant().getEpochSecond() >= expires || !stillValid(actor)) {
            return Optional.empty();
        }
        return Optional.of(new Caller(actor, Set.copyOf(roles), Set.copyOf(namespaces)));
    }

    private String seal(Caller caller, Instant expires) {
        String body = B64.encodeToString(caller.actor().getBytes(StandardCharsets.UTF_8)) + "."
                + caller.roles().stream().map(Role::id).sorted().collect(Collectors.joining("+")) + "." // a cookie value has no commas
                + caller.namespaces().stream().sorted().collect(Collectors.joining("+")) + "." // names are [a-z0-9-] or *
                + expires.getEpochSecond();
        return body + "." + new String(BearerAuthentication.checked(() -> signature(caller.actor(), body)),
                StandardCharsets.US_ASCII);
    }

    /** A stored key's session lasts while the key is not revoked: one indexed lookup per request. */
    private boolean stillValid(String actor) {
        if (actor.startsWith("key:")) {
            return BearerAuthentication.checked(() -> keys.byPrefix(actor.substring("key:".length())))
                    .filter(key -> key.revokedAt() == null).isPresent();
        }
        return true;
    }

    /**
     * The HMAC of a session's text; a bootstrap session's also covers the bootstrap key's hash, so it
     * ends when that key is changed or removed. Null when there is no bootstrap key to bind to.
     */
    private byte[] signature(String actor, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey(), "HmacSHA256"));
            mac.update(body.getBytes(StandardCharsets.UTF_8));
            if (Caller.BOOTSTRAP.equals(actor)) {
                if (bootstrapHash == null) {
                    return null;
                }
                mac.update(bootstrapHash);
            }
            return B64.encode(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private byte[] signingKey() throws GeneralSecurityException {
        byte[] key = signingKey;
        if (key == null) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secrets.tokenSecret(), "HmacSHA256"));
            key = mac.doFinal(PURPOSE.getBytes(StandardCharsets.UTF_8));
            signingKey = key;
        }
        return key;
    }

    private static void setCookie(HttpServletRequest request, HttpServletResponse response, String name, String value,
            Duration maxAge) {
        String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(name, value).httpOnly(true)
                .sameSite("Strict").secure(request.isSecure()).path(path).maxAge(maxAge).build().toString());
    }

    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}
