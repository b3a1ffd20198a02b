package io.stepwise.security;

import static io.stepwise.security.NamespaceIsolation.NAMESPACES;
import static io.stepwise.security.NamespaceIsolation.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.security.NamespaceIsolation.Client;
import io.stepwise.security.NamespaceIsolation.Fixture;
import io.stepwise.support.Asl;
import io.stepwise.support.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Namespaces with authentication off (embedded development mode): any namespace may be named, and no
 * request of one reaches another's resources (docs/namespaces.md).
 */
class NamespacesOffTest extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private Client in(String namespace) {
        return new Client("http://localhost:" + port, null, namespace);
    }

    @Test
    void theProbesCoverEveryNamespacedEndpoint() {
        assertThat(NamespaceIsolation.probedEndpoints())
                .isEqualTo(NamespaceIsolation.namespacedEndpoints(mappings.getHandlerMethods()));
    }

    @Test
    void noRequestOfOneNamespaceReachesAnother() throws InterruptedException {
        Map<String, Fixture> fixtures = new LinkedHashMap<>();
        for (String ns : NAMESPACES) {
            fixtures.put(ns, NamespaceIsolation.fixture(in(ns), ns));
        }
        NamespaceIsolation.check(fixtures, (b, a) -> List.of(in(b)), 300);
        for (String ns : NAMESPACES) {
            NamespaceIsolation.assertUntouched(in(ns), fixtures.get(ns));
            NamespaceIsolation.assertOwnOrders(in(ns), ns);
        }
    }

    @Test
    void aMalformedNamespaceIsA400NamingTheHeader() {
        for (String bad : List.of("Team-A", "-a", "a_b", "", "x".repeat(64))) {
            var answer = expect(in(bad).call("GET", "/v1/state-machines", null), 400);
            assertThat(answer.body().get("parameter").asString()).as(answer.raw()).isEqualTo("Stepwise-Namespace");
        }
        expect(in("x".repeat(63)).call("GET", "/v1/state-machines", null), 200);
    }

    @Test
    void theConsoleShowsTheNamespaceItIsAskedFor() {
        expect(in("team-a").call("PUT", "/v1/state-machines/only-a", Asl.putBody(Asl.single("P", Asl.pass()))), 201);
        String id = expect(in("team-a").call("POST", "/v1/executions/sync", "{\"stateMachine\": \"only-a\"}"), 200)
                .body().get("executionId").asString();
        assertThat(expect(api.get("/console?namespace=team-a"), 200).raw()).contains("only-a");
        assertThat(expect(api.get("/console"), 200).raw()).doesNotContain("only-a");
        expect(api.get("/console/state-machines/only-a?namespace=team-a"), 200);
        expect(api.get("/console/state-machines/only-a"), 404);
        expect(api.get("/console/executions/" + id + "?namespace=team-a"), 200);
        expect(api.get("/console/executions/" + id), 404);
        expect(api.get("/console/executions/" + id + "?namespace=team-b"), 404);
        assertThat(expect(api.get("/console/executions?namespace=team-a"), 200).raw()).contains(id);
        assertThat(expect(api.get("/console/executions"), 200).raw()).doesNotContain(id);
        assertThat(expect(api.get("/console?namespace=Team_A"), 400).body().get("parameter").asString())
                .isEqualTo("namespace");
    }

    @Test
    void executionsOfANamespaceAreListedThereOnly() {
        expect(in("team-a").call("PUT", "/v1/state-machines/p", Asl.putBody(Asl.single("P", Asl.pass()))), 201);
        String id = expect(in("team-a").call("POST", "/v1/executions/sync", "{\"stateMachine\": \"p\"}"), 200).body()
                .get("executionId").asString();
        assertThat(in("team-a").call("GET", "/v1/executions", null).raw()).contains(id);
        assertThat(in("team-b").call("GET", "/v1/executions", null).raw()).doesNotContain(id);
        assertThat(api.get("/v1/executions").raw()).doesNotContain(id);
        // the same execution name for the same machine name in another namespace is another execution
        expect(in("team-b").call("PUT", "/v1/state-machines/p", Asl.putBody(Asl.single("P", Asl.pass()))), 201);
        expect(in("team-a").call("POST", "/v1/executions", "{\"stateMachine\": \"p\", \"name\": \"n1\"}"), 201);
        expect(in("team-b").call("POST", "/v1/executions", "{\"stateMachine\": \"p\", \"name\": \"n1\", \"input\": {\"x\": 1}}"),
                201);
    }
}
