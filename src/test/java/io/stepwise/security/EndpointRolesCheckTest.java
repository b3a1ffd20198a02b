package io.stepwise.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The start-up check names each mapped endpoint that no rule covers, so a forgotten role stops the service. */
class EndpointRolesCheckTest {

    @Test
    void anEndpointWithoutARuleIsNamed() {
        var covered = RequestMappingInfo.paths("/v1/executions/{id}/stop").methods(RequestMethod.POST).build();
        var forgotten = RequestMappingInfo.paths("/v1/widgets/{id}").methods(RequestMethod.DELETE).build();
        var allMethods = RequestMappingInfo.paths("/v1/gadgets").build();

        List<String> uncovered = EndpointRoles.uncovered(List.of(covered, forgotten, allMethods));

        assertThat(uncovered).containsExactlyInAnyOrder("DELETE /v1/widgets/{id}", "GET /v1/gadgets",
                "HEAD /v1/gadgets", "POST /v1/gadgets", "PUT /v1/gadgets", "PATCH /v1/gadgets", "DELETE /v1/gadgets",
                "OPTIONS /v1/gadgets");
    }

    @Test
    void theFirstMatchingRuleDecidesAndGetCoversHead() {
        assertThat(EndpointRoles.of("POST", "/v1/state-machines/validate").orElseThrow().roles())
                .containsExactly(Role.READER);
        assertThat(EndpointRoles.of("HEAD", "/v1/executions/x").orElseThrow().roles()).containsExactly(Role.READER);
        assertThat(EndpointRoles.of("POST", "/v1/activities/a/poll").orElseThrow().roles()).containsExactly(Role.WORKER);
        assertThat(EndpointRoles.of("PATCH", "/v1/api-keys/x").orElseThrow().roles()).containsExactly(Role.ADMIN);
        assertThat(EndpointRoles.of("PUT", "/v1/nothing")).isEmpty();
        assertThat(EndpointRoles.of("GET", "/error").orElseThrow().isPublic()).isTrue();
    }

    @Test
    void theCheckStopsStartUpNamingTheEndpoint() {
        var mapping = new RequestMappingHandlerMapping() {
            @Override
            public Map<RequestMappingInfo, HandlerMethod> getHandlerMethods() {
                try {
                    return Map.of(RequestMappingInfo.paths("/v1/gizmos").methods(RequestMethod.POST).build(),
                            new HandlerMethod(this, Object.class.getMethod("toString")));
                } catch (NoSuchMethodException e) {
                    throw new AssertionError(e);
                }
            }
        };
        assertThatThrownBy(() -> new EndpointRolesCheck(mapping).afterSingletonsInstantiated())
                .hasMessageContaining("POST /v1/gizmos").hasMessageContaining("EndpointRoles.RULES");
    }
}
