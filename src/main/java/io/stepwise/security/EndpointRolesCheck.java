package io.stepwise.security;

import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Refuses to start when a mapped endpoint has no line in {@link EndpointRoles}, with security on or off,
 * so a new endpoint without a declared role fails its first test rather than being open to any caller.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class EndpointRolesCheck implements SmartInitializingSingleton {

    private final RequestMappingHandlerMapping mappings;

    EndpointRolesCheck(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        this.mappings = mappings;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> uncovered = EndpointRoles.uncovered(mappings.getHandlerMethods().keySet());
        if (!uncovered.isEmpty()) {
            throw new IllegalStateException("Endpoints without a declared role: " + uncovered + ". Add a line for"
                    + " each to io.stepwise.security.EndpointRoles.RULES (docs/security.md).");
        }
    }
}
