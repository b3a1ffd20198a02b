package io.stepwise.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api;
import io.stepwise.support.Api.Response;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Jobs per namespace (docs/namespaces.md): a job is in the namespace it was submitted in, its unique key
 * is held there, it runs on that namespace's queue, and from any other namespace it is not there.
 */
class NamespacedJobsTest extends IntegrationTest {

    private Api teamA;
    private Api teamB;

    @BeforeEach
    void namespaces() {
        teamA = api.in("team-a");
        teamB = api.in("team-b");
    }

    private static Response expect(Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        return response;
    }

    @Test
    void theSameUniqueKeyInTwoNamespacesIsTwoJobs() {
        String job = "{\"type\": \"stepwise:echo\", \"delaySeconds\": 3600, \"uniqueKey\": \"invoice-42\"}";
        String a = expect(teamA.post("/v1/jobs", job), 201).body().get("id").asString();
        String b = expect(teamB.post("/v1/jobs", job), 201).body().get("id").asString();
        String byDefault = expect(api.post("/v1/jobs", job), 201).body().get("id").asString();
        assertThat(b).isNotEqualTo(a);
        assertThat(byDefault).isNotEqualTo(a).isNotEqualTo(b);
        // in its own namespace the key is held, as before namespaces
        assertThat(expect(teamA.post("/v1/jobs", job), 200).body().get("id").asString()).isEqualTo(a);
        JsonNode batch = expect(teamB.post("/v1/jobs/batch", "{\"jobs\": [" + job + "]}"), 200).body();
        assertThat(batch.get("items").get(0).get("status").asInt()).isEqualTo(200);
        assertThat(batch.get("items").get(0).get("job").get("id").asString()).isEqualTo(b);
        assertThat(jdbc.sql("SELECT namespace FROM job_unique_key WHERE unique_key = 'invoice-42' ORDER BY namespace")
                .query(String.class).list()).containsExactly("default", "team-a", "team-b");
    }

    @Test
    void aJobOfAnotherNamespaceIsNotFoundNorListed() {
        String id = expect(teamA.post("/v1/jobs", "{\"type\": \"stepwise:echo\", \"delaySeconds\": 3600}"), 201).body()
                .get("id").asString();
        expect(teamA.get("/v1/jobs/" + id), 200);
        for (Api other : new Api[] {teamB, api}) {
            assertThat(expect(other.get("/v1/jobs/" + id), 404).body().get("type").asString())
                    .isEqualTo(expect(other.get("/v1/jobs/" + UUID.randomUUID()), 404).body().get("type").asString());
            expect(other.post("/v1/jobs/" + id + "/cancel", "{}"), 404);
            expect(other.post("/v1/jobs/" + id + "/retry", "{}"), 404);
            assertThat(expect(other.get("/v1/jobs"), 200).raw()).doesNotContain(id);
            assertThat(expect(other.get("/v1/jobs?type=stepwise:echo"), 200).raw()).doesNotContain(id);
        }
        assertThat(expect(teamA.get("/v1/jobs"), 200).raw()).contains(id);
        assertThat(expect(teamA.get("/v1/jobs?type=stepwise:echo&status=SCHEDULED"), 200).raw()).contains(id);
        expect(teamA.post("/v1/jobs/" + id + "/cancel", "{}"), 200);
    }

    @Test
    void aJobRunsOnItsNamespacesQueueFromAMachineOfItsNamespace() {
        JsonNode created = expect(teamA.post("/v1/jobs", "{\"type\": \"stepwise:echo\", \"queue\": \"emails\","
                + " \"payload\": {\"to\": \"a\"}}"), 201).body();
        String id = created.get("id").asString();
        // the API shows the queue's name; the rows carry its key, as an execution's of team-a would
        assertThat(created.get("queue").asString()).isEqualTo("emails");
        assertThat(jdbc.sql("SELECT namespace || ' ' || queue FROM execution WHERE id = CAST(? AS uuid)").param(id)
                .query(String.class).single()).isEqualTo("team-a team-a/emails");
        Response done = Eventually.await(Duration.ofSeconds(20), () -> teamA.get("/v1/jobs/" + id),
                r -> r.body().path("status").asString("").equals("SUCCEEDED"));
        assertThat(done.body().get("result").toString()).isEqualTo("{\"to\":\"a\"}");
        assertThat(done.body().get("queue").asString()).isEqualTo("emails");
        // the generated machine is team-a's, and no listing shows it
        String machine = expect(teamA.get("/v1/executions/" + id), 200).body().get("stateMachine").asString();
        assertThat(jdbc.sql("SELECT namespace FROM state_machine WHERE name = ?").param(machine).query(String.class)
                .list()).containsExactly("team-a");
        assertThat(expect(teamA.get("/v1/state-machines"), 200).raw()).doesNotContain("job:");
        expect(teamA.get("/v1/state-machines/" + machine), 200);
        expect(api.get("/v1/state-machines/" + machine), 404);
        assertThat(expect(teamA.get("/v1/jobs?queue=emails"), 200).raw()).contains(id);
    }
}
