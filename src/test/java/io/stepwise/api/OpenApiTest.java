package io.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api.Response;
import io.stepwise.support.IntegrationTest;
import org.junit.jupiter.api.Test;

class OpenApiTest extends IntegrationTest {

    @Test
    void theDocumentDescribesEveryEndpoint() {
        Response docs = api.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("openapi").asString()).startsWith("3.1");
        var paths = docs.body().get("paths");
        String[][] expected = {
                {"/v1/state-machines", "get"},
                {"/v1/state-machines/{name}", "put"},
                {"/v1/state-machines/{name}", "get"},
                {"/v1/state-machines/{name}", "delete"},
                {"/v1/state-machines/{name}/versions/{version}", "get"},
                {"/v1/state-machines/validate", "post"},
                {"/v1/executions", "post"},
                {"/v1/executions", "get"},
                {"/v1/executions/sync", "post"},
                {"/v1/executions/{id}", "get"},
                {"/v1/executions/{id}/history", "get"},
                {"/v1/executions/{id}/failure", "get"},
                {"/v1/executions/{id}/stop", "post"},
                {"/v1/executions/{id}/redrive", "post"},
                {"/v1/test-state", "post"}};
        for (String[] endpoint : expected) {
            assertThat(paths.has(endpoint[0])).as(endpoint[0]).isTrue();
            assertThat(paths.get(endpoint[0]).has(endpoint[1])).as(endpoint[1] + " " + endpoint[0]).isTrue();
        }
    }

    @Test
    void swaggerUiIsServed() {
        Response ui = api.get("/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.raw()).contains("Swagger UI");
    }
}
