package io.stepwise.security;

import static io.stepwise.security.NamespaceIsolation.NAMESPACES;
import static io.stepwise.security.NamespaceIsolation.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.security.NamespaceIsolation.Client;
import io.stepwise.security.NamespaceIsolation.Fixture;
import io.stepwise.support.Asl;
import io.stepwise.support.SecurityOn;
import io.stepwise.support.TestJwts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Namespaces with authentication on: keys and JWTs bound to namespaces, and the isolation property with
 * each namespace's own admin key, naming its own namespace or the target's (docs/namespaces.md).
 */
class NamespacesTest extends SecuredTest {

    private Client as(String key, String namespace) {
        return new Client("http://localhost:" + port, key, namespace);
    }

    /** A new key of {@code role}, bound to {@code namespaces} (a JSON array), made by the bootstrap admin. */
    private String key(Role role, String namespaces) {
        return expect(api.post("/v1/api-keys", "{\"name\": \"k\", \"role\": \"" + role.id() + "\", \"namespaces\": "
                + namespaces + "}"), 201).body().get("key").asString();
    }

    @Test
    void noRequestOfOneNamespaceReachesAnother() throws InterruptedException {
        Map<String, String> admins = new LinkedHashMap<>();
        Map<String, Fixture> fixtures = new LinkedHashMap<>();
        for (String ns : NAMESPACES) {
            admins.put(ns, key(Role.ADMIN, "[\"" + ns + "\"]"));
            fixtures.put(ns, NamespaceIsolation.fixture(as(admins.get(ns), ns), ns));
        }
        // B's admin in B aimed at A's resources, and B's admin naming A itself
        NamespaceIsolation.check(fixtures, (b, a) -> List.of(as(admins.get(b), b), as(admins.get(b), a)), 200);
        for (String ns : NAMESPACES) {
            NamespaceIsolation.assertUntouched(as(admins.get(ns), ns), fixtures.get(ns));
            NamespaceIsolation.assertOwnOrders(as(admins.get(ns), ns), ns);
        }
    }

    @Test
    void aKeyReachesTheNamespacesItIsBoundTo() {
        String both = key(Role.ADMIN, "[\"team-a\", \"team-b\"]");
        expect(as(both, "team-a").call("PUT", "/v1/state-machines/p", Asl.putBody(Asl.single("P", Asl.pass()))), 201);
        expect(as(both, "team-b").call("GET", "/v1/state-machines", null), 200);
        expect(as(both, "default").call("GET", "/v1/state-machines", null), 404);
        expect(as(both, "team-c").call("GET", "/v1/state-machines/p", null), 404);
        // a key without namespaces is the default namespace's, as before namespaces existed
        String plain = keyOf(Role.READER);
        expect(as(plain, "default").call("GET", "/v1/state-machines", null), 200);
        expect(as(plain, "team-a").call("GET", "/v1/state-machines/p", null), 404);
        // the bootstrap key reaches all
        expect(as(SecurityOn.BOOTSTRAP_KEY, "team-a").call("GET", "/v1/state-machines/p", null), 200);
        String all = key(Role.READER, "[\"*\"]");
        expect(as(all, "team-a").call("GET", "/v1/state-machines/p", null), 200);
        var listed = expect(api.get("/v1/api-keys"), 200).raw();
        assertThat(listed).contains("\"namespaces\":[\"team-a\",\"team-b\"]");
    }

    @Test
    void aKeyGrantsNoNamespaceItsCreatorMayNotName() {
        String teamAdmin = key(Role.ADMIN, "[\"team-a\"]");
        var refused = as(teamAdmin, "team-a").call("POST", "/v1/api-keys",
                "{\"name\": \"k\", \"role\": \"reader\", \"namespaces\": [\"team-a\", \"team-b\"]}");
        expect(refused, 400);
        assertThat(refused.body().get("pointer").asString()).isEqualTo("/namespaces/1");
        expect(as(teamAdmin, "team-a").call("POST", "/v1/api-keys",
                "{\"name\": \"k\", \"role\": \"reader\", \"namespaces\": [\"*\"]}"), 400);
        expect(as(teamAdmin, "team-a").call("POST", "/v1/api-keys",
                "{\"name\": \"k\", \"role\": \"reader\", \"namespaces\": [\"team-a\"]}"), 201);
        var malformed = api.post("/v1/api-keys", "{\"name\": \"k\", \"role\": \"reader\", \"namespaces\": [\"A B\"]}");
        expect(malformed, 400);
    }

    @Test
    void aJwtNamesItsNamespacesInTheConfiguredClaim() {
        String token = TestJwts.get().token("team-a-ci", Map.of("roles", List.of("admin"),
                "namespaces", List.of("team-a")));
        expect(as(token, "team-a").call("PUT", "/v1/state-machines/p", Asl.putBody(Asl.single("P", Asl.pass()))), 201);
        expect(as(token, "team-b").call("GET", "/v1/state-machines/p", null), 404);
        expect(as(token, "default").call("GET", "/v1/state-machines", null), 404);
        String withoutClaim = TestJwts.get().token("old-ci", Map.of("roles", List.of("reader")));
        expect(as(withoutClaim, "default").call("GET", "/v1/state-machines", null), 200);
        expect(as(withoutClaim, "team-a").call("GET", "/v1/state-machines/p", null), 404);
    }

    /**
     * API keys and the audit trail are not namespaced resources, but a team's admin must not learn from
     * them what another team has, nor that it exists: it sees the keys that reach only its namespaces
     * and the calls made in them; an admin bound to every namespace sees everything.
     */
    @Test
    void aTeamAdminSeesOnlyItsNamespacesKeysAndCalls() {
        String teamA = key(Role.ADMIN, "[\"team-a\"]");
        String teamB = key(Role.ADMIN, "[\"team-b\"]");
        String spanning = key(Role.READER, "[\"team-a\", \"team-b\"]");
        String everywhere = key(Role.ADMIN, "[\"*\"]");
        expect(as(teamA, "team-a").call("PUT", "/v1/state-machines/a-secret-plan", Asl.putBody(Asl.single("P", Asl.pass()))), 201);
        expect(as(teamB, "team-b").call("PUT", "/v1/state-machines/b-secret-plan", Asl.putBody(Asl.single("P", Asl.pass()))), 201);
        String teamBsOwn = expect(as(teamB, "team-b").call("POST", "/v1/api-keys",
                "{\"name\": \"team-b-deployer\", \"role\": \"operator\", \"namespaces\": [\"team-b\"]}"), 201)
                .body().get("id").asString();

        var keysSeenByA = expect(as(teamA, "team-a").call("GET", "/v1/api-keys", null), 200);
        List<String> namespacesSeen = new java.util.ArrayList<>();
        keysSeenByA.body().get("items").forEach(k -> namespacesSeen.add(k.get("namespaces").toString()));
        assertThat(namespacesSeen).isNotEmpty().allMatch(n -> n.equals("[\"team-a\"]"));
        assertThat(keysSeenByA.raw()).doesNotContain("team-b").doesNotContain(teamBsOwn);
        for (String method : List.of("GET", "DELETE")) {
            var hidden = expect(as(teamA, "team-a").call(method, "/v1/api-keys/" + teamBsOwn, null), 404);
            assertThat(hidden.raw()).doesNotContain("team-b");
        }
        expect(as(teamB, "team-b").call("GET", "/v1/api-keys/" + teamBsOwn, null), 200); // not revoked by A's try

        // team-a's admin probing team-b is refused as unknown, and that probe stays out of team-b's trail
        expect(as(teamA, "team-b").call("PUT", "/v1/state-machines/probe", Asl.putBody(Asl.single("P", Asl.pass()))), 404);
        var trailSeenByA = expect(as(teamA, "team-a").call("GET", "/v1/audit?limit=100", null), 200);
        List<String> callNamespaces = new java.util.ArrayList<>();
        trailSeenByA.body().get("items").forEach(e -> callNamespaces.add(e.get("namespace").asString()));
        assertThat(callNamespaces).isNotEmpty().allMatch("team-a"::equals);
        assertThat(trailSeenByA.raw()).doesNotContain("team-b");

        String teamAActor = trailSeenByA.body().get("items").get(0).get("actor").asString();
        var trailSeenByB = expect(as(teamB, "team-b").call("GET", "/v1/audit?limit=100", null), 200);
        assertThat(trailSeenByB.raw()).contains("team-b").doesNotContain(teamAActor);
        var trailSeenByAll = expect(as(everywhere, "default").call("GET", "/v1/audit?limit=100", null), 200).raw();
        assertThat(trailSeenByAll).contains("\"namespace\":\"team-a\"").contains("\"namespace\":\"team-b\"")
                .contains("\"namespace\":\"default\"");
        var keysSeenByAll = expect(as(everywhere, "default").call("GET", "/v1/api-keys", null), 200).raw();
        assertThat(keysSeenByAll).contains(teamBsOwn).contains("[\"team-a\",\"team-b\"]");
        // a key spanning two namespaces is shown to neither team's admin alone
        expect(as(spanning, "team-a").call("GET", "/v1/state-machines", null), 200);
        assertThat(keysSeenByA.raw()).doesNotContain("[\"team-a\",\"team-b\"]");
    }
}
