package io.stepwise.security;

import static io.stepwise.security.Role.ADMIN;
import static io.stepwise.security.Role.OPERATOR;
import static io.stepwise.security.Role.READER;
import static io.stepwise.security.Role.WORKER;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what: the one table of every endpoint's access, first matching rule wins. A new endpoint
 * needs its line here: {@link EndpointRolesCheck} refuses to start a service with a mapped endpoint
 * that no rule covers, and {@code EndpointRolesTest} calls every mapped endpoint without credentials
 * (401) and with each role it does not admit (403).
 *
 * <p>A rule for GET also covers HEAD (Spring MVC answers HEAD with the GET handler).
 */
public final class EndpointRoles {

    /** Any method, for rules that cover a whole resource. */
    static final String ANY = "*";

    /** Who may call: any of {@code roles} (each with what it implies), or anyone when public. */
    public record Access(Set<Role> roles) {

        static final Access PUBLIC = new Access(Set.of());

        public boolean isPublic() {
            return roles.isEmpty();
        }

        /** Whether a caller holding {@code granted} (already expanded by {@link Role#implied()}) may call. */
        public boolean admits(Collection<Role> granted) {
            return isPublic() || roles.stream().anyMatch(granted::contains);
        }
    }

    record Rule(String method, PathPattern pattern, Access access) {

        boolean matches(String requestMethod, PathContainer path) {
            boolean method = ANY.equals(this.method) || this.method.equals(requestMethod)
                    || ("GET".equals(this.method) && "HEAD".equals(requestMethod));
            return method && pattern.matches(path);
        }
    }

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

    static final List<Rule> RULES = List.of(
            // state machines: reading and validating change nothing; definitions are the admins'
            rule("GET", "/v1/state-machines/**", READER),
            rule("POST", "/v1/state-machines/validate", READER),
            rule("PUT", "/v1/state-machines/{name}", ADMIN),
            rule("DELETE", "/v1/state-machines/{name}", ADMIN),
            // executions: start, batch, sync, stop, redrive
            rule("GET", "/v1/executions/**", READER),
            rule("POST", "/v1/executions/**", OPERATOR),
            rule("POST", "/v1/test-state", READER),
            // activities and task tokens: external workers poll and answer, nothing else
            rule("GET", "/v1/activities/**", READER),
            rule("POST", "/v1/activities/{name}/poll", WORKER),
            rule("PUT", "/v1/activities/{name}", ADMIN),
            rule("DELETE", "/v1/activities/{name}", ADMIN),
            rule("POST", "/v1/tasks/**", OPERATOR, WORKER),
            // jobs: submitting, cancelling and retrying are the operators'
            rule("GET", "/v1/jobs/**", READER),
            rule("POST", "/v1/jobs/**", OPERATOR),
            // queues and schedules: reading is anyone's, changing them the admins'
            rule("GET", "/v1/queues/**", READER),
            rule(ANY, "/v1/queues/**", ADMIN),
            rule("GET", "/v1/schedules/**", READER),
            rule(ANY, "/v1/schedules/**", ADMIN),
            // the web console: signing in and out, and the sign-in page's styles and scripts, need no caller;
            // pages and their event streams read; its stop/redrive buttons call the API above
            open("GET", ConsoleSessions.SIGN_IN),
            open("POST", ConsoleSessions.SIGN_IN),
            open("POST", ConsoleSessions.SIGN_OUT),
            open("GET", "/console/*.css"),
            open("GET", "/console/*.js"),
            rule("GET", "/console/**", READER),
            // security itself
            rule(ANY, "/v1/api-keys/**", ADMIN),
            rule("GET", "/v1/audit", ADMIN),
            // the API's description (the same for every installation) and the container's error page
            open("GET", "/v3/api-docs/**"),
            open("GET", "/v3/api-docs.yaml"),
            open("GET", "/swagger-ui.html"),
            open("GET", "/swagger-ui/**"),
            open(ANY, "/error"));

    private EndpointRoles() {
    }

    private static Rule rule(String method, String pattern, Role... roles) {
        return new Rule(method, PARSER.parse(pattern), new Access(EnumSet.copyOf(List.of(roles))));
    }

    private static Rule open(String method, String pattern) {
        return new Rule(method, PARSER.parse(pattern), Access.PUBLIC);
    }

    /** The access of a request, by its method and its path inside the application; empty when no rule covers it. */
    public static Optional<Access> of(String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return RULES.stream().filter(r -> r.matches(method, container)).map(Rule::access).findFirst();
    }

    /**
     * The mapped endpoints no rule covers, as "METHOD /pattern": each path variable is replaced by a
     * sample value, and a mapping without methods is checked for every method.
     */
    public static List<String> uncovered(Collection<RequestMappingInfo> mappings) {
        List<String> missing = new ArrayList<>();
        for (RequestMappingInfo info : mappings) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (RequestMethod method : methods.isEmpty() ? EnumSet.allOf(RequestMethod.class) : methods) {
                if (method == RequestMethod.TRACE) {
                    continue; // Tomcat refuses TRACE before any servlet runs
                }
                for (String pattern : info.getPatternValues()) {
                    if (of(method.name(), sample(pattern)).isEmpty()) {
                        missing.add(method + " " + pattern);
                    }
                }
            }
        }
        return missing;
    }

    /** A path the pattern matches: every {variable} and wildcard replaced by "x". */
    public static String sample(String pattern) {
        return pattern.replaceAll("\\{\\*?[^}]*}", "x").replace("**", "x").replace("*", "x");
    }
}
