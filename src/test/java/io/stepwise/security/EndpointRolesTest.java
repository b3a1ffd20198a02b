package io.stepwise.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every mapped endpoint, drawn from the handler mapping (so a new one is checked without edits): 401
 * without credentials, 403 with each role its rule does not admit, and neither with the roles it does.
 */
class EndpointRolesTest extends SecuredTest {

    private static final Set<RequestMethod> ALL = Set.of(RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT,
            RequestMethod.PATCH, RequestMethod.DELETE);

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlerMapping;

    /** One method of one mapped path, the path with sample values, and its declared access. */
    record Endpoint(String method, String pattern, String path, EndpointRoles.Access access) {
        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (RequestMappingInfo info : handlerMapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (RequestMethod method : methods.isEmpty() ? ALL : methods) {
                for (String pattern : info.getPatternValues()) {
                    String path = EndpointRoles.sample(pattern);
                    endpoints.add(new Endpoint(method.name(), pattern, path,
                            EndpointRoles.of(method.name(), path).orElseThrow(() -> new AssertionError(
                                    method + " " + pattern + " has no declared role"))));
                }
            }
        }
        assertThat(endpoints).extracting(Endpoint::toString).contains("POST /v1/executions",
                "PUT /v1/state-machines/{name}", "POST /v1/activities/{name}/poll", "POST /v1/api-keys",
                "GET /v1/audit");
        return endpoints;
    }

    private Api.Response call(Api as, Endpoint endpoint) {
        // no text/event-stream: an admitted caller of a console stream gets 406 at once instead of a stream
        // that never ends (the refusals come first, whatever the caller accepts)
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + endpoint.path()))
                .header("Accept", "application/json, application/problem+json, text/html;q=0.9");
        if (Set.of("POST", "PUT", "PATCH").contains(endpoint.method())) {
            request.header("Content-Type", "application/json")
                    .method(endpoint.method(), HttpRequest.BodyPublishers.ofString("{}"));
        } else {
            request.method(endpoint.method(), HttpRequest.BodyPublishers.noBody());
        }
        return as.send(request);
    }

    @Test
    void everyEndpointRefusesACallerWithoutCredentials() {
        List<String> offences = new ArrayList<>();
        int checked = 0;
        for (Endpoint endpoint : endpoints()) {
            if (endpoint.access().isPublic()) {
                continue;
            }
            checked++;
            Api.Response answer = call(api.as(null), endpoint);
            if (answer.status() != 401 || answer.body() == null
                    || !"urn:stepwise:problem:unauthorized".equals(answer.body().path("type").asString())
                    || !answer.contentType().startsWith("application/problem+json")
                    || !answer.header("WWW-Authenticate").orElse("").startsWith("Bearer")) {
                offences.add(endpoint + " → " + answer.status() + " " + answer.headers().map() + " " + answer.raw());
            }
        }
        assertThat(checked).as("endpoints that need credentials").isGreaterThan(25);
        assertThat(offences).isEmpty();
    }

    @Test
    void everyEndpointRefusesTheRolesItDoesNotAdmitAndServesThoseItDoes() {
        Map<Role, Api> as = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            as.put(role, api.as(keyOf(role)));
        }
        List<String> offences = new ArrayList<>();
        int refusals = 0;
        for (Endpoint endpoint : endpoints()) {
            if (endpoint.access().isPublic()) {
                continue;
            }
            for (Role role : Role.values()) {
                Api.Response answer = call(as.get(role), endpoint);
                if (endpoint.access().admits(role.implied())) {
                    if (answer.status() == 401 || answer.status() == 403) {
                        offences.add(endpoint + " as " + role + ": admitted, but " + answer.status() + " " + answer.raw());
                    }
                } else {
                    refusals++;
                    if (answer.status() != 403 || answer.body() == null
                            || !"urn:stepwise:problem:forbidden".equals(answer.body().path("type").asString())) {
                        offences.add(endpoint + " as " + role + ": expected 403, got " + answer.status() + " "
                                + answer.raw());
                    }
                }
            }
        }
        assertThat(offences).isEmpty();
        // every endpoint has a role it refuses: none is open to every role by mistake
        assertThat(refusals).isGreaterThan(25);
    }

    @Test
    void everyEndpointRefusesSomeRole() {
        for (Endpoint endpoint : endpoints()) {
            if (!endpoint.access().isPublic()) {
                assertThat(Set.of(Role.values())).as(endpoint.toString())
                        .anyMatch(role -> !endpoint.access().admits(role.implied()));
            }
        }
    }

    @Test
    void adminImpliesEveryRoleAndOperatorReads() {
        assertThat(Role.ADMIN.implied()).containsExactlyInAnyOrder(Role.values());
        assertThat(Role.OPERATOR.implied()).containsExactlyInAnyOrder(Role.OPERATOR, Role.READER);
        assertThat(Role.WORKER.implied()).containsExactly(Role.WORKER);
    }

    @Test
    void healthAndPrometheusArePublicAndTheRestOfTheActuatorIsForAdmins() {
        Api anonymous = api.as(null);
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
        Api operator = api.as(keyOf(Role.OPERATOR));
        for (String path : List.of("/actuator/info", "/actuator/metrics", "/actuator")) {
            Api.Response refused = anonymous.get(path);
            assertThat(refused.status()).as(path).isEqualTo(401);
            assertThat(refused.body().get("type").asString()).isEqualTo("urn:stepwise:problem:unauthorized");
            assertThat(operator.get(path).status()).as(path).isEqualTo(403);
            assertThat(api.get(path).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void anUnknownPathNeedsCredentialsAndThenIsA404() {
        assertThat(api.as(null).get("/v1/nothing-here").status()).isEqualTo(401);
        assertThat(api.as(keyOf(Role.WORKER)).get("/v1/nothing-here").status()).isEqualTo(404);
    }
}
