package io.stepwise.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api;
import io.stepwise.support.Api.Response;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Schedules per namespace (docs/namespaces.md): one name in two namespaces is two schedules, each resolving
 * its target in its own namespace and firing into it; a fire's execution name and job key are unique per
 * namespace, so the same fire of both is two executions.
 */
class NamespacedSchedulesTest extends IntegrationTest {

    private static final List<String> TEAMS = List.of("team-a", "team-b");

    private static Response expect(Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        return response;
    }

    private static List<JsonNode> items(Response page) {
        return StreamSupport.stream(page.body().get("items").spliterator(), false).toList();
    }

    /** The names of the executions of {@code team}'s machine "p", and the unique keys of its jobs. */
    private static Set<String> fired(Api team) {
        Set<String> names = new HashSet<>();
        items(expect(team.get("/v1/executions?stateMachine=p&limit=100"), 200)).forEach(e -> names.add(e.get("name")
                .asString()));
        items(expect(team.get("/v1/jobs?limit=100"), 200)).forEach(j -> names.add(j.get("uniqueKey").asString()));
        return names;
    }

    @Test
    void oneNameInTwoNamespacesIsTwoSchedulesEachFiringIntoItsOwn() {
        for (String team : TEAMS) {
            Api in = api.in(team);
            // each team's "p" answers its own name: a fire that ran another namespace's machine would show it
            expect(in.put("/v1/state-machines/p", """
                    {"definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "%s", "End": true}}}}"""
                    .formatted(team)), 201);
            expect(in.put("/v1/schedules/tick", "{\"cron\": \"* * * * * *\", \"target\": {\"stateMachine\": \"p\"}}"),
                    201);
            expect(in.put("/v1/schedules/jobs", """
                    {"cron": "* * * * * *", "target": {"job": {"type": "stepwise:echo", "payload": {"team": "%s"}}}}"""
                    .formatted(team)), 201);
        }
        // the default namespace has neither the machine nor the schedules
        assertThat(items(expect(api.get("/v1/schedules"), 200))).isEmpty();
        expect(api.get("/v1/schedules/tick"), 404);
        for (String team : TEAMS) {
            assertThat(items(expect(api.in(team).get("/v1/schedules"), 200))).extracting(s -> s.get("name").asString())
                    .containsExactly("jobs", "tick");
        }

        // until one fire instant has fired both schedules in both namespaces: the same names, twice
        Eventually.await(Duration.ofSeconds(30), () -> {
            Set<String> both = fired(api.in("team-a"));
            both.retainAll(fired(api.in("team-b")));
            return both;
        }, both -> both.stream().anyMatch(n -> n.startsWith("tick-")) && both.stream().anyMatch(n -> n.startsWith("jobs-")));

        for (String team : TEAMS) {
            Api in = api.in(team);
            for (String schedule : List.of("tick", "jobs")) {
                JsonNode s = expect(in.get("/v1/schedules/" + schedule), 200).body();
                assertThat(s.get("lastError").isNull()).as(s.toString()).isTrue();
                expect(in.post("/v1/schedules/" + schedule + "/pause", "{}"), 200);
            }
            for (JsonNode e : items(expect(in.get("/v1/executions?stateMachine=p&limit=100"), 200))) {
                assertThat(e.get("name").asString()).startsWith("tick-");
                String id = e.get("executionId").asString();
                JsonNode done = Eventually.await(Duration.ofSeconds(20), () -> in.get("/v1/executions/" + id).body(),
                        x -> x.path("status").asString("").equals("SUCCEEDED"));
                assertThat(done.get("output").toString()).isEqualTo("\"" + team + "\"");
            }
            for (JsonNode job : items(expect(in.get("/v1/jobs?limit=100"), 200))) {
                assertThat(job.get("uniqueKey").asString()).startsWith("jobs-");
                assertThat(job.get("payload").toString()).isEqualTo("{\"team\":\"" + team + "\"}");
            }
        }
        assertThat(items(expect(api.get("/v1/executions"), 200))).isEmpty();
        assertThat(items(expect(api.get("/v1/jobs"), 200))).isEmpty();
    }
}
